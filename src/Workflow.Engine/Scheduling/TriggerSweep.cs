using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Activities.Scheduling;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Elsa.Timer, Elsa.Cron and Elsa.StartAt as triggers (Elsa.Scheduling/Services/DefaultTriggerScheduler.cs): for each
/// published definition whose root flowchart has such an activity with <c>canStartWorkflow</c>, the latest occurrence
/// due by now (and after the version was stored) starts one instance. Its id is made of definition, activity and
/// occurrence, so the database's key lets one process start it; the trigger activity then waits on a bookmark due at the
/// occurrence, which the scheduler fires once like any timer — no step of the workflow runs twice. Occurrences missed
/// while no process ran start one instance, for the latest (docs/scheduling.md).
/// </summary>
public sealed class TriggerSweep(IWorkflowDefinitionStore definitions, IWorkflowInstanceStore instances, WorkflowRuntime runtime, IClock clock) : ISchedulerSweep
{
    /// <summary>Input key telling the trigger activity that it started this instance (removed when read).</summary>
    public const string TriggerInputKey = "__triggerActivityId";

    private static readonly string[] TriggerTypes = ["Elsa.Timer", "Elsa.Cron", "Elsa.StartAt"];
    private readonly ConcurrentDictionary<string, IReadOnlyList<ActivityNode>> _triggersByVersion = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var started = 0;
        var (latest, _) = await definitions.ListLatestAsync(null, 0, 10_000, cancellationToken);
        foreach (var definitionId in latest.Select(d => d.DefinitionId).Distinct())
        {
            var published = await definitions.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken);
            if (published is null) continue;
            foreach (var trigger in _triggersByVersion.GetOrAdd(published.Id, _ => TriggersOf(published.Json)))
            {
                if (LatestOccurrence(trigger, published.CreatedAt, now) is not { } occurrence) continue;
                var instanceId = $"{definitionId}-{trigger.Id}-{occurrence.ToUnixTimeSeconds()}";
                if (await instances.FindAsync(instanceId, cancellationToken) is not null) continue;
                try
                {
                    await runtime.StartAsync(definitionId, VersionSelector.Published, new StartWorkflowOptions
                    {
                        InstanceId = instanceId,
                        Input = new JsonObject { [TriggerInputKey] = trigger.Id, ["triggeredAt"] = occurrence.ToString() },
                    }, cancellationToken);
                    started++;
                }
                catch (Exception e) when (e is ConcurrencyConflictException or InvalidOperationException)
                {
                    // Another scheduler started this occurrence first.
                }
            }
        }
        return started;
    }

    /// <summary>
    /// The definition's start activity when it is a trigger flagged <c>canStartWorkflow</c>: only the start runs first, so
    /// only it can hold the new instance before any other step runs.
    /// </summary>
    private static IReadOnlyList<ActivityNode> TriggersOf(string json) =>
        WorkflowDefinitionReader.Read(json).Definition is { } definition && FlowchartGraph.SelectStart(definition.Root) is { } start
            && TriggerTypes.Contains(start.Type) && start.CanStartWorkflow
            ? [start]
            : [];

    /// <summary>The latest occurrence in (<paramref name="since"/>, <paramref name="now"/>], from literal inputs; null when none.</summary>
    internal static Instant? LatestOccurrence(ActivityNode trigger, Instant since, Instant now)
    {
        string? Literal(string name) => trigger.GetInput(name)?.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        switch (trigger.Type)
        {
            case "Elsa.Timer":
                if (!TimeSpan.TryParse(Literal("interval") ?? "", System.Globalization.CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero) return null;
                var count = (now - since).BclCompatibleTicks / interval.Ticks;
                return count >= 1 ? since + Duration.FromTicks(count * interval.Ticks) : null;
            case "Elsa.Cron":
                return Cron.LatestOccurrence(Literal("cronExpression") ?? "", since, now);
            case "Elsa.StartAt":
                return DateTimeOffset.TryParse(Literal("dateTime"), System.Globalization.CultureInfo.InvariantCulture, out var at)
                    && Instant.FromDateTimeOffset(at) is var executeAt && executeAt > since && executeAt <= now ? executeAt : null;
            default:
                return null;
        }
    }
}
