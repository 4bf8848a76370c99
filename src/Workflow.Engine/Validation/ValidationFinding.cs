namespace Workflow.Engine.Validation;

/// <summary>
/// One problem found in a definition. The message says what is wrong and what would be right; <see cref="ActivityId"/>
/// and <see cref="Property"/> point at the place (null when the problem is the document as a whole). <see cref="Message"/>
/// is English; <see cref="MessageZh"/> is the Chinese text where a rule gives one (the permit rules do).
/// </summary>
public sealed record ValidationFinding(FindingSeverity Severity, string? ActivityId, string? Property, string Message, string Code = "", string? MessageZh = null)
{
    /// <summary>A finding that keeps the definition from running and from being published (docs/definition-format.md, "Validation").</summary>
    public static ValidationFinding Error(string? activityId, string? property, string message, string code = "", string? messageZh = null) => new(FindingSeverity.Error, activityId, property, message, code, messageZh);
    /// <summary>A finding a designer should look at; the definition still runs (docs/definition-format.md, "Validation").</summary>
    public static ValidationFinding Warning(string? activityId, string? property, string message, string code = "", string? messageZh = null) => new(FindingSeverity.Warning, activityId, property, message, code, messageZh);

    /// <summary>The CLI's line format without the file name: <c>error|warning: activity ID: message</c>.</summary>
    public override string ToString()
    {
        var where = ActivityId is null ? "workflow" : $"activity {ActivityId}";
        var prop = Property is null ? "" : $" ({Property})";
        return $"{(Severity == FindingSeverity.Error ? "error" : "warning")}: {where}{prop}: {Message}";
    }
}
