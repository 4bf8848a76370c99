using System.Text.Json.Nodes;
using Workflow.Host.Cli;
using Workflow.Testing;

namespace Workflow.Host.Tests.Samples;

/// <summary>The samples a newcomer starts from still validate and run (samples/parallel-approval.json through the CLI verbs).</summary>
public class SampleFilesTests
{
    private static readonly string ParallelApproval = Path.Combine(SharedFolder.RepositoryRoot, "samples", "parallel-approval.json");

    private static async Task<(int Exit, string Out, string Err)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task The_parallel_approval_sample_validates_without_findings()
    {
        var (exit, output, _) = await Cli("validate", ParallelApproval);
        exit.Should().Be(0, output);
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task The_parallel_approval_sample_runs_to_the_end_with_resume_all()
    {
        var (exit, output, error) = await Cli("run", ParallelApproval, "--resume-all");

        exit.Should().Be(0, error);
        var summary = JsonNode.Parse(output.TrimEnd().Split('\n')[^1])!;
        ((string?)summary["status"], (string?)summary["subStatus"]).Should().Be(("Finished", "Finished"));
        summary["output"]!.AsArray().Select(l => (string?)l).Should().Equal("All three departments approved");
        summary["bookmarks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public void The_walkthrough_script_and_http_file_take_the_same_route()
    {
        var script = File.ReadAllText(Path.Combine(SharedFolder.RepositoryRoot, "samples", "walkthrough.sh"));
        var http = File.ReadAllText(Path.Combine(SharedFolder.RepositoryRoot, "samples", "walkthrough.http"));
        foreach (var call in new[] { "/api/auth/token", "/api/projects", "/applications", "/api/steps/", "/actions", "CompletionAcceptance", "If-Match", "Idempotency-Key" })
        {
            script.Should().Contain(call);
            http.Should().Contain(call);
        }
    }
}
