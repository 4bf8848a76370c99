using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions;

namespace Workflow.Host.Cli;

/// <summary>
/// The in-memory engine the CLI verbs use: core activities plus the permit domain (its activities, the sample
/// catalogue and the calendars, and its validation rules), with the engine's in-memory stores.
/// </summary>
internal static class CliEngine
{
    public static ServiceProvider Build(TextWriter? output = null) =>
        new ServiceCollection().AddPermits(o => o.Output = output).BuildServiceProvider();

    /// <summary>The CLI's line for one finding: <c>FILE: error|warning: activity ID: message</c> (the property, when known, leads the message).</summary>
    public static string Line(string file, Engine.Validation.ValidationFinding f) =>
        $"{file}: {(f.Severity == Engine.Validation.FindingSeverity.Error ? "error" : "warning")}: {(f.ActivityId is null ? "workflow" : $"activity {f.ActivityId}")}: {(f.Property is null ? "" : f.Property + ": ")}{f.Message}";
}
