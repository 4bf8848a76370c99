using System.Text.Json.Nodes;
using Workflow.Host.Cli;
using Workflow.Testing;

namespace Workflow.Host.Tests.Cli;

/// <summary>The <c>validate</c> and <c>run</c> verbs as docs/cli.md specifies them.</summary>
public class EngineVerbsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wf-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private const string Waiting = """
        {"id":"v1","definitionId":"d","root":{"id":"root","type":"Elsa.Flowchart","activities":[
          {"id":"start","type":"Elsa.Start"},
          {"id":"hello","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"JavaScript","value":"'Hello ' + input.name"}}},
          {"id":"wait","type":"Elsa.Event","eventName":{"typeName":"String","expression":{"type":"Literal","value":"go"}}},
          {"id":"bye","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Literal","value":"Bye"}}}],
         "connections":[
          {"source":{"activity":"start","port":"Done"},"target":{"activity":"hello","port":"In"}},
          {"source":{"activity":"hello","port":"Done"},"target":{"activity":"wait","port":"In"}},
          {"source":{"activity":"wait","port":"Done"},"target":{"activity":"bye","port":"In"}}]}}
        """;

    [Fact]
    public async Task Run_writes_lines_to_stderr_and_the_summary_as_the_last_stdout_line()
    {
        var (exit, stdout, stderr) = await Run("run", Write("w.json", Waiting), "--input", """{"name":"Li"}""");

        exit.Should().Be(0);
        stderr.Should().Contain("Hello Li");
        var summary = JsonNode.Parse(stdout.TrimEnd().Split('\n')[^1])!;
        summary["status"]!.GetValue<string>().Should().Be("Running");
        summary["subStatus"]!.GetValue<string>().Should().Be("Suspended");
        summary["output"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("Hello Li");
        summary["bookmarks"]![0]!.ToJsonString().Should().Be("""{"activityId":"wait","activityType":"Elsa.Event","kind":"Event"}""");
    }

    [Fact]
    public async Task Run_with_resume_all_runs_to_the_end()
    {
        var (exit, stdout, _) = await Run("run", Write("w.json", Waiting), "--input", """{"name":"Li"}""", "--resume-all", "--flowchart-mode", "counter");

        exit.Should().Be(0);
        var summary = JsonNode.Parse(stdout.TrimEnd().Split('\n')[^1])!;
        summary["subStatus"]!.GetValue<string>().Should().Be("Finished");
        summary["output"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("Hello Li", "Bye");
        summary["bookmarks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Run_of_an_invalid_file_exits_1_with_findings_on_stderr()
    {
        var (exit, stdout, stderr) = await Run("run", Write("bad.json", Waiting.Replace("Elsa.Event", "Elsa.Evnt")));
        exit.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("bad.json: error: activity wait: type: Unknown activity type \"Elsa.Evnt\"");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "missing.json")]
    [InlineData("run", "FILE", "--flowchart-mode", "fast")]
    [InlineData("run", "FILE", "--input", "{nope")]
    [InlineData("run", "FILE", "--input", "[1]")]
    [InlineData("run", "FILE", "--bogus")]
    [InlineData("validate")]
    [InlineData("validate", "missing.json")]
    public async Task Bad_arguments_exit_2_with_a_one_line_error(params string[] args)
    {
        var file = Write("w.json", Waiting);
        var (exit, _, stderr) = await Run(args.Select(a => a == "FILE" ? file : a).ToArray());
        exit.Should().Be(2);
        stderr.Should().StartWith("error: ");
    }

    [Fact]
    public async Task Validate_prints_one_line_per_finding_and_exits_by_severity()
    {
        var good = Write("good.json", Waiting);
        var warn = Write("warn.json", Waiting.Replace("{\"id\":\"start\",\"type\":\"Elsa.Start\"},", "{\"id\":\"start\",\"type\":\"Elsa.Start\"},{\"id\":\"lonely\",\"type\":\"Elsa.WriteLine\"},"));
        var bad = Write("bad.json", Waiting.Replace("\"port\":\"Done\"},\"target\":{\"activity\":\"bye\"", "\"port\":\"Maybe\"},\"target\":{\"activity\":\"bye\""));

        (await Run("validate", good)).Should().Be((0, "", ""));
        var (warnExit, warnOut, _) = await Run("validate", good, warn);
        warnExit.Should().Be(0);
        // One line per finding: the English finding, then its Chinese half naming the activity (docs/cli.md).
        warnOut.Should().StartWith($"{warn}: warning: activity lonely: Activity lonely (Elsa.WriteLine) is not reachable from the start activity start; it will never run. Connect it or remove it. — 警告：活动「Elsa.WriteLine」(lonely)")
            .And.EndWith(Environment.NewLine);
        warnOut.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        var (badExit, badOut, _) = await Run("validate", good, bad);
        badExit.Should().Be(1);
        badOut.Should().StartWith($"{bad}: error: activity wait: connections: ").And.Contain("\"Maybe\"");
    }

    [SharedFolderFact]
    public async Task Every_conformance_file_validates_without_errors()
    {
        var files = Directory.GetFiles(Path.Combine(SharedFolder.Require(), "elsa-conformance", "workflows"), "*.json");
        var (exit, stdout, _) = await Run(["validate", .. files]);
        exit.Should().Be(0, stdout);
        stdout.Should().NotContain(": error: ");
    }
}
