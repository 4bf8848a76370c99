using System.Text.Json.Nodes;
using Workflow.Engine.Serialization;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Serialization;

/// <summary>Read → write → read keeps everything: every conformance file and every Studio capture in ../shared.</summary>
public class RoundTripTests
{
    public static IEnumerable<object[]> Files()
    {
        var shared = SharedFolder.Path;
        if (shared is null) return [["(shared folder missing)"]];
        var conformance = Directory.GetFiles(Path.Combine(shared, "elsa-conformance", "workflows"), "*.json");
        var studio = Directory.GetFiles(Path.Combine(shared, "studio"), "*.json")
            .Where(f => !f.EndsWith("descriptors-activities.json", StringComparison.Ordinal));
        return conformance.Concat(studio).Select(f => new object[] { Path.GetRelativePath(shared, f) }).OrderBy(x => (string)x[0]);
    }

    [SharedFolderTheory]
    [MemberData(nameof(Files))]
    public void Read_write_read_loses_nothing(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(SharedFolder.Require(), relativePath));
        var original = JsonNode.Parse(text)!;
        var first = WorkflowDefinitionReader.Read(text);
        first.Definition.Should().NotBeNull(string.Join("; ", first.Findings));
        var written = WorkflowDefinitionWriter.Write(first.Definition!);
        var second = WorkflowDefinitionReader.Read(written);

        // The document written is the document read, designer metadata and unknown properties included.
        var expected = original["root"] is null && original["model"] is JsonObject model ? model : original;
        JsonNode.DeepEquals(JsonNode.Parse(written), expected).Should().BeTrue();
        // And the model read back is the same model.
        Summary(second.Definition!).Should().Equal(Summary(first.Definition!));
    }

    [SharedFolderFact]
    public void Designer_positions_survive()
    {
        var text = File.ReadAllText(Path.Combine(SharedFolder.Require(), "elsa-conformance", "workflows", "ExplicitJoins-join-active-branches-only.json"));
        var definition = WorkflowDefinitionReader.Read(text).Definition!;
        var written = JsonNode.Parse(WorkflowDefinitionWriter.Write(definition))!;
        written["root"]!["activities"]![0]!["metadata"]!["designer"]!["position"]!["y"]!.GetValue<double>().Should().Be(254.2125015258789);
        written["root"]!["connections"]![0]!["vertices"].Should().BeOfType<JsonArray>();
    }

    [Fact]
    public void Old_flat_connections_are_written_back_flat()
    {
        const string json = """
            {"id":"x","root":{"type":"Elsa.Flowchart","id":"F","start":"A","activities":[
              {"id":"A","type":"Elsa.WriteLine","text":null},{"id":"B","type":"Elsa.WriteLine","text":null}],
             "connections":[{"source":"A","target":"B","sourcePort":"Done","targetPort":"In"}]}}
            """;
        var definition = WorkflowDefinitionReader.Read(json).Definition!;
        definition.Root.Connections.Single().IsFlatShape.Should().BeTrue();
        definition.Root.Connections.Single().SourceActivityId.Should().Be("A");
        JsonNode.Parse(WorkflowDefinitionWriter.Write(definition))!["root"]!["connections"]![0]!["sourcePort"]!.GetValue<string>().Should().Be("Done");
    }

    [Fact]
    public void A_change_through_the_model_is_written_and_nothing_else_changes()
    {
        const string json = """
            {"id":"x","extra":{"keep":[1,2]},"root":{"type":"Elsa.Flowchart","id":"F","activities":[
              {"id":"A","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Literal","value":"old"}},"metadata":{"designer":{"position":{"x":1,"y":2}}}}],
             "connections":[]}}
            """;
        var definition = WorkflowDefinitionReader.Read(json).Definition!;
        definition.Root.Activities[0].SetInput("Text", Model.ExpressionInput.Literal("String", "new"));
        var written = JsonNode.Parse(WorkflowDefinitionWriter.Write(definition))!;
        written["root"]!["activities"]![0]!["text"]!["expression"]!["value"]!.GetValue<string>().Should().Be("new");
        written["extra"]!["keep"]!.AsArray().Count.Should().Be(2);
        written["root"]!["activities"]![0]!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<int>().Should().Be(1);
    }

    private static List<string> Summary(Model.WorkflowDefinition d) =>
        [
            $"{d.Id}|{d.DefinitionId}|{d.Name}|{d.Version}|{string.Join(",", d.Variables.Select(v => v.Name))}",
            .. d.AllActivities().Select(a => $"{a.NodeId}|{a.Type}|{a.Name}|{string.Join(",", a.Inputs().Select(i => $"{i.Name}={i.Input}"))}"),
            .. new[] { d.Root }.Concat(d.AllActivities()).SelectMany(a => a.Connections).Select(c => c.Key),
        ];
}
