using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Engine.Validation;

// Registers the activity with the engine, validates notify-applicant.json and runs it in memory.
// dotnet run --project samples/custom-activity [-- path/to/workflow.json]
var file = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "notify-applicant.json");
using var services = new ServiceCollection()
    .AddWorkflowEngine(options => options.AddActivity<CustomActivitySample.NotifyApplicant>())
    .BuildServiceProvider();

var (definition, findings) = services.GetRequiredService<WorkflowValidator>().Validate(await File.ReadAllTextAsync(file));
foreach (var finding in findings) Console.Error.WriteLine($"{finding.Severity}: {finding.ActivityId}: {finding.Message}");
if (definition is null || findings.Any(f => f.Severity == FindingSeverity.Error)) return 1;

var result = await services.GetRequiredService<WorkflowRuntime>().StartAsync(definition, new StartWorkflowOptions
{
    Input = new JsonObject { ["applicant"] = "agent1" },
});
foreach (var line in result.Output) Console.WriteLine(line);
Console.WriteLine($"status: {result.Instance.Status}");
return 0;
