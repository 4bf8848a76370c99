using Cronos;
using NodaTime;

namespace Workflow.Engine.Activities.Scheduling;

/// <summary>
/// Elsa.Cron (Elsa.Scheduling/Activities/Cron.cs, Services/CronosCronParser.cs): waits on a bookmark of kind
/// <see cref="BookmarkKind"/> due at the next occurrence of <c>cronExpression</c> after now, and completes when the
/// engine's scheduler fires it. As in Elsa the expression is parsed by Cronos with seconds (six fields) and evaluated in
/// UTC; a five-field expression (no seconds) is accepted too. An expression that does not parse, or has no next
/// occurrence, faults the instance, naming the expression.
/// </summary>
[Activity("Elsa", "Scheduling", "Trigger workflow execution at a specific interval using a CRON expression.", Kind = "Trigger")]
public sealed class Cron : Activity
{
    /// <summary>Bookmark kind of a waiting Elsa.Cron.</summary>
    public const string BookmarkKind = "Cron";

    [Input(Description = "The CRON expression at which the timer should execute.")]
    public Input<string> CronExpression { get; set; } = new();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var expression = context.Get(CronExpression)?.Trim() ?? "";
        if (NextOccurrence(expression, context.Now, out var error) is not { } next)
        {
            context.Fault(error!);
            return ValueTask.CompletedTask;
        }
        context.CreateBookmark(BookmarkKind, new() { ["cronExpression"] = expression, ["executeAt"] = next.ToString() }, next);
        return ValueTask.CompletedTask;
    }

    /// <summary>The first occurrence of <paramref name="expression"/> strictly after <paramref name="after"/> (UTC), or null with the reason.</summary>
    public static Instant? NextOccurrence(string expression, Instant after, out string? error)
    {
        error = null;
        try
        {
            var format = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            var next = Cronos.CronExpression.Parse(expression, format).GetNextOccurrence(after.ToDateTimeOffset(), TimeZoneInfo.Utc);
            if (next is { } at) return Instant.FromDateTimeOffset(at);
            error = $"Elsa.Cron: the CRON expression \"{expression}\" has no occurrence after {after}.";
        }
        catch (CronFormatException e)
        {
            error = $"Elsa.Cron: \"{expression}\" is not a CRON expression ({e.Message}).";
        }
        return null;
    }
}
