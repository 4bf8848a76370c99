using System.Text.Json.Nodes;
using Workflow.Host.Cli;
using Workflow.Testing;

namespace Workflow.Host.Tests.Samples;

/// <summary>
/// The control-flow corpus (samples/control-flow): Elsa-style definitions with control-flow activities nested in
/// flowcharts and flowcharts nested in them, run through the CLI (<c>run FILE --resume-all</c>) in both flowchart
/// modes; the WriteLine lines must equal the hand-written <c>NAME.expected.txt</c> next to each file.
/// </summary>
public class ControlFlowCorpusTests
{
    private static readonly string Folder = Path.Combine(SharedFolder.RepositoryRoot, "samples", "control-flow");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
            foreach (var mode in new[] { "token", "counter" })
                data.Add(Path.GetFileNameWithoutExtension(file), mode);
        return data;
    }

    [Fact]
    public void The_corpus_is_there()
    {
        Directory.GetFiles(Folder, "*.json").Should().HaveCountGreaterThanOrEqualTo(6);
        foreach (var file in Directory.GetFiles(Folder, "*.json"))
            File.Exists(Path.ChangeExtension(file, ".expected.txt")).Should().BeTrue($"{file} needs its expected output");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_definition_writes_the_expected_lines(string name, string mode)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["run", Path.Combine(Folder, name + ".json"), "--resume-all", "--flowchart-mode", mode], stdout, stderr);

        exit.Should().Be(0, stderr.ToString());
        var summary = JsonNode.Parse(stdout.ToString().TrimEnd().Split('\n')[^1])!;
        ((string?)summary["subStatus"]).Should().Be("Finished", stdout.ToString());
        var expected = File.ReadAllLines(Path.Combine(Folder, name + ".expected.txt")).Where(l => l.Length > 0);
        summary["output"]!.AsArray().Select(l => (string?)l).Should().Equal(expected);
    }
}
