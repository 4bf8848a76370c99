using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;

namespace Workflow.Host.Cli;

/// <summary>The in-memory engine the CLI verbs use: core activities plus every activity class in Workflow.Definitions.</summary>
internal static class CliEngine
{
    public static ServiceProvider Build(TextWriter? output = null) =>
        new ServiceCollection().AddWorkflowEngine(o =>
        {
            o.Output = output;
            o.AddActivitiesFrom(Assembly.Load("Workflow.Definitions"));
        }).BuildServiceProvider();

    /// <summary>The CLI's line for one finding: <c>FILE: error|warning: activity ID: message</c> (the property, when known, leads the message).</summary>
    public static string Line(string file, Engine.Validation.ValidationFinding f) =>
        $"{file}: {(f.Severity == Engine.Validation.FindingSeverity.Error ? "error" : "warning")}: {(f.ActivityId is null ? "workflow" : $"activity {f.ActivityId}")}: {(f.Property is null ? "" : f.Property + ": ")}{f.Message}";
}
