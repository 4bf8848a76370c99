using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Validation;

namespace Workflow.Host.Cli;

/// <summary>
/// <c>run FILE [--input JSON] [--resume-all] [--flowchart-mode token|counter]</c> (docs/cli.md): runs the definition
/// in memory. WriteLine text goes to stderr as it is written; the last stdout line is
/// <c>{"status","subStatus","output":[...],"bookmarks":[{"activityId","activityType","kind"}]}</c>. <c>--resume-all</c>
/// resumes every bookmark without input until none is left (Elsa's test harness). Exit 0 whatever the workflow's
/// status, 1 when the file does not validate (findings on stderr), 2 for bad arguments.
/// </summary>
public sealed class RunVerb : ICliVerb
{
    private const string Usage = "usage: run FILE [--input JSON] [--resume-all] [--flowchart-mode token|counter]";

    public string Name => "run";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        JsonObject? input = null;
        var resumeAll = false;
        FlowchartMode? mode = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--resume-all":
                    resumeAll = true;
                    break;
                case "--input" when i + 1 < args.Count:
                    try
                    {
                        input = JsonNode.Parse(args[++i]) as JsonObject;
                    }
                    catch (JsonException e)
                    {
                        return await Bad(stderr, $"--input is not valid JSON: {e.Message}");
                    }
                    if (input is null) return await Bad(stderr, "--input must be a JSON object, e.g. {\"name\":\"x\"}");
                    break;
                case "--flowchart-mode" when i + 1 < args.Count:
                    mode = args[++i] switch
                    {
                        "token" => FlowchartMode.Token,
                        "counter" => FlowchartMode.Counter,
                        var other => null,
                    };
                    if (mode is null) return await Bad(stderr, $"--flowchart-mode must be token or counter, found '{args[i]}'");
                    break;
                case "--input" or "--flowchart-mode":
                    return await Bad(stderr, $"{args[i]} needs a value");
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    return await Bad(stderr, $"unknown option '{a}'");
                case var a when file is null:
                    file = a;
                    break;
                default:
                    return await Bad(stderr, $"run takes one file, got also '{args[i]}'");
            }
        }
        if (file is null) return await Bad(stderr, "run needs a file");
        if (!File.Exists(file)) return await Bad(stderr, $"file not found: {file}");

        using var services = CliEngine.Build(stderr);
        var (definition, findings) = services.GetRequiredService<WorkflowValidator>().Validate(await File.ReadAllTextAsync(file));
        if (definition is null || findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            foreach (var finding in findings)
                await stderr.WriteLineAsync(CliEngine.Line(file, finding));
            return 1;
        }

        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var result = await runtime.StartAsync(definition, new StartWorkflowOptions { Input = input, FlowchartMode = mode, Output = stderr });
        if (resumeAll) result = await runtime.ResumeAllAsync(result, stderr);

        var summary = new JsonObject
        {
            ["status"] = result.Instance.Status.ToString(),
            ["subStatus"] = result.Instance.SubStatus.ToString(),
            ["output"] = new JsonArray(result.Output.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["bookmarks"] = new JsonArray(result.Instance.Bookmarks.Select(b => (JsonNode)new JsonObject
            {
                ["activityId"] = b.ActivityId,
                ["activityType"] = b.ActivityType,
                ["kind"] = b.Kind,
            }).ToArray()),
        };
        if (result.Instance.Fault is { } fault)
            await stderr.WriteLineAsync($"faulted: activity {fault.ActivityId}: {fault.Message}");
        await stdout.WriteLineAsync(summary.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

    private static async Task<int> Bad(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"error: {message}. {Usage}");
        return 2;
    }
}
