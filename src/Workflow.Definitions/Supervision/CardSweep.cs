using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Scheduling;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// Fires the due card timers on every sweep of the engine's scheduler (docs/supervision.md, Timers): each due timer
/// becomes its card and the card's notifications in one transaction. Exactly once across processes: a firing starts by
/// deleting its timer row, which only one transaction can do; and a card whose key exists already (a timer re-armed
/// by a save that raced the firing) is not recorded or notified again. Timers missed during downtime are due, so the
/// first sweep fires each of them once, earliest first.
/// </summary>
public sealed class CardSweep(IDbContextFactory<WorkflowDbContext> contexts, IClock clock, ILogger<CardSweep>? logger = null) : ISchedulerSweep
{
    private const int BatchSize = 200;
    private const int MaxBatchesPerSweep = 100;

    /// <summary>Fires the due cards; returns 0, as it resumes no bookmark (the scheduler's count is of timers), see <see cref="FireCardsAsync"/>.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await FireCardsAsync(cancellationToken);
        return 0;
    }

    /// <summary>Fires every due card timer; returns how many cards it recorded.</summary>
    public async Task<int> FireCardsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var fired = 0;
        // Batches until none is left (after a long downtime there are many), bounded like the scheduler's own claims.
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            List<DeadlineTimerRow> due;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                due = await db.Set<DeadlineTimerRow>().AsNoTracking().Where(t => t.FireAt <= now).OrderBy(t => t.FireAt).ThenBy(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
            var claimed = 0;
            foreach (var timer in due)
            {
                try
                {
                    var (wasClaimed, recorded) = await FireAsync(timer, now, cancellationToken);
                    if (wasClaimed) claimed++;
                    if (recorded) fired++;
                }
                catch (DbUpdateException e)
                {
                    // A concurrent firing recorded the card first; the timer stays and the next sweep finds the card.
                    logger?.LogDebug(e, "Card {Card} was recorded by another scheduler.", timer.Id);
                }
            }
            // A short batch was the last; a batch another scheduler emptied under us ends the sweep too (it goes on there).
            if (due.Count < BatchSize || claimed == 0) break;
        }
        return fired;
    }

    private async Task<(bool Claimed, bool Recorded)> FireAsync(DeadlineTimerRow timer, Instant now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: whoever deletes the row fires it (a save may have moved it later meanwhile: then it is not due).
        var claimed = await db.Set<DeadlineTimerRow>().Where(t => t.Id == timer.Id && t.FireAt <= now).ExecuteDeleteAsync(cancellationToken);
        if (claimed == 0) return (false, false);
        if (await db.Set<CardRow>().AnyAsync(c => c.Id == timer.Id, cancellationToken))
        {
            await tx.CommitAsync(cancellationToken);
            return (true, false);
        }
        var card = new CardRow
        {
            Id = timer.Id, CaseId = timer.CaseId, StepId = timer.StepId, Subject = timer.Subject, Clock = timer.Clock, Level = timer.Level,
            Department = timer.Department, DueLevelAt = timer.FireAt, DueAt = timer.DueAt, FiredAt = now,
        };
        db.Add(card);
        var agent = await db.Set<CaseRow>().Where(c => c.Id == timer.CaseId).Select(c => c.Agent).FirstOrDefaultAsync(cancellationToken);
        await NotificationCentre.StageAsync(db, NotificationKinds.Card, Audiences(agent, timer.Department), timer.CaseId,
            timer.Subject == CardSubject.Step ? timer.StepId : null, Facts(card), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (true, true);
    }

    /// <summary>The case's agent, the department's reviewers and the supervisors (docs/supervision.md, Cards).</summary>
    private static IEnumerable<string> Audiences(string? agent, string department)
    {
        if (!string.IsNullOrEmpty(agent)) yield return NotificationAudience.Agent(agent);
        yield return NotificationAudience.Department(department);
        yield return NotificationAudience.Supervisors;
    }

    private static Dictionary<string, string> Facts(CardRow card) => new()
    {
        ["card"] = card.Id,
        ["level"] = card.Level.ToString(),
        ["clock"] = card.Clock.ToString(),
        ["subject"] = card.Subject.ToString(),
        ["subjectId"] = card.StepId ?? "",
        ["department"] = card.Department,
        ["due"] = card.DueAt.ToString("g", CultureInfo.InvariantCulture),
    };
}
