using Cronos;
using NodaTime;

namespace Workflow.Engine.Activities.Scheduling;

/// <summary>
/// Elsa.Cron (Elsa.Scheduling/Activities/Cron.cs, Services/CronosCronParser.cs): waits on a bookmark of kind
/// <see cref="BookmarkKind"/> due at the next occurrence of <c>cronExpression</c> after now, and completes when the
/// engine's scheduler fires it. As in Elsa the expression is parsed by Cronos with seconds (six fields) and evaluated in
/// UTC; a five-field expression (no seconds) is accepted too. An expression that does not parse, or has no next
/// occurrence, faults the instance, naming the expression. As the start of a published workflow flagged
/// <c>canStartWorkflow</c> it is a trigger: each occurrence starts an instance (<see cref="Engine.Scheduling.TriggerSweep"/>).
/// </summary>
[Activity("Elsa", "Scheduling", "Trigger workflow execution at a specific interval using a CRON expression.", Kind = "Trigger")]
public sealed class Cron : Activity
{
    /// <summary>Bookmark kind of a waiting Elsa.Cron.</summary>
    public const string BookmarkKind = "Cron";

    /// <summary>A Cronos expression in UTC, six fields (with seconds) or five; one that does not parse faults the instance.</summary>
    [Input(Description = "The CRON expression at which the timer should execute.")]
    public Input<string> CronExpression { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (Triggered.WaitIfTriggered(context)) return ValueTask.CompletedTask;
        var expression = context.Get(CronExpression)?.Trim() ?? "";
        if (NextOccurrence(expression, context.Now, out var error) is not { } next)
        {
            context.Fault(error!);
            return ValueTask.CompletedTask;
        }
        context.CreateBookmark(BookmarkKind, new() { ["cronExpression"] = expression, ["executeAt"] = next.ToString() }, next);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The latest occurrence of <paramref name="expression"/> in (<paramref name="since"/>, <paramref name="now"/>], or null
    /// (also for an expression that does not parse). Windows widen from a minute back, so a frequent schedule after a long
    /// downtime is not enumerated in full.
    /// </summary>
    public static Instant? LatestOccurrence(string expression, Instant since, Instant now)
    {
        Cronos.CronExpression parsed;
        try
        {
            parsed = Parse(expression);
        }
        catch (CronFormatException)
        {
            return null;
        }
        foreach (var back in new[] { Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromDays(1), Duration.FromDays(31), now - since })
        {
            var from = now - back < since ? since : now - back;
            var last = parsed.GetOccurrences(from.ToDateTimeUtc(), now.ToDateTimeUtc(), fromInclusive: false, toInclusive: true).Select(d => (DateTime?)d).LastOrDefault();
            if (last is { } found) return Instant.FromDateTimeUtc(DateTime.SpecifyKind(found, DateTimeKind.Utc));
            if (from == since) break;
        }
        return null;
    }

    /// <summary>The first occurrence of <paramref name="expression"/> strictly after <paramref name="after"/> (UTC), or null with the reason.</summary>
    public static Instant? NextOccurrence(string expression, Instant after, out string? error)
    {
        error = null;
        try
        {
            var next = Parse(expression).GetNextOccurrence(after.ToDateTimeOffset(), TimeZoneInfo.Utc);
            if (next is { } at) return Instant.FromDateTimeOffset(at);
            error = $"Elsa.Cron: the CRON expression \"{expression}\" has no occurrence after {after}.";
        }
        catch (CronFormatException e)
        {
            error = $"Elsa.Cron: \"{expression}\" is not a CRON expression ({e.Message}).";
        }
        return null;
    }

    /// <summary>Six fields with seconds (Elsa's format), five without.</summary>
    private static Cronos.CronExpression Parse(string expression) =>
        Cronos.CronExpression.Parse(expression, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
}
