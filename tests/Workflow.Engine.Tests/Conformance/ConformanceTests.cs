using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;
using Workflow.Engine.Validation;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Conformance;

/// <summary>
/// Every entry of ../shared/elsa-conformance/expectations.json, run with Elsa's "run until end" harness in the
/// flowchart mode its Elsa test used.
/// </summary>
public class ConformanceTests
{
    public static IEnumerable<object[]> Entries()
    {
        var shared = SharedFolder.Path;
        if (shared is null) return [["(shared folder missing)"]];
        var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(shared, "elsa-conformance", "expectations.json")))!.AsArray();
        return entries.Select(e => new object[] { e!["file"]!.GetValue<string>() });
    }

    internal static JsonObject Entry(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFolder.Require(), "elsa-conformance", "expectations.json")))!.AsArray()
            .Select(e => e!.AsObject()).Single(e => e["file"]!.GetValue<string>() == file);

    internal static FlowchartMode ModeOf(JsonObject entry) =>
        entry["flowchartMode"]!.GetValue<string>().StartsWith("TokenBased", StringComparison.Ordinal) ? FlowchartMode.Token : FlowchartMode.Counter;

    [SharedFolderTheory]
    [MemberData(nameof(Entries))]
    public async Task Entry_behaves_as_in_Elsa(string file)
    {
        var entry = Entry(file);
        var json = File.ReadAllText(Path.Combine(SharedFolder.Require(), "elsa-conformance", file));
        var services = new ServiceCollection().AddWorkflowEngine().BuildServiceProvider();
        var read = WorkflowDefinitionReader.Read(json);
        read.Definition.Should().NotBeNull();
        services.GetRequiredService<WorkflowValidator>().Validate(read.Definition!).Where(f => f.Severity == FindingSeverity.Error).Should().BeEmpty();

        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync(read.Definition!, new StartWorkflowOptions { FlowchartMode = ModeOf(entry) });
        var result = await runtime.ResumeAllAsync(started);

        if (entry["expectedOutput"] is JsonArray output)
            result.Output.Should().Equal(output.Select(l => l!.GetValue<string>()));
        if (entry["expectedStatus"] is JsonValue status)
            result.Instance.Status.ToString().Should().Be(status.GetValue<string>());
        if (entry["expectedSubStatus"] is JsonValue subStatus)
            result.Instance.SubStatus.ToString().Should().Be(subStatus.GetValue<string>());
        if (entry["expectedActivityCompletions"] is JsonObject completions)
        {
            var journal = await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(result.Instance.Id);
            foreach (var (activityId, count) in completions)
                journal.Count(j => j.ActivityId == activityId && j.Event == JournalEventKind.Completed).Should().Be(count!.GetValue<int>(), $"activity {activityId} completes that often");
        }
    }
}
