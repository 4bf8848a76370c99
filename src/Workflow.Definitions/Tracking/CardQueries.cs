using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Supervision;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>A fired yellow (Warning) or red (Overdue) card as pages and the API show it (docs/supervision.md, Cards).</summary>
/// <param name="Id">The card's key (subject, clock, level).</param>
/// <param name="CaseId">The case.</param>
/// <param name="Subject">A step, the case, or a commitment.</param>
/// <param name="SubjectId">The step id, or the commitment's material code; null for the case's own clocks.</param>
/// <param name="Clock">Statutory, promised, or commitment.</param>
/// <param name="Level">Warning (黄牌) or Overdue (红牌).</param>
/// <param name="Department">Recorded against.</param>
/// <param name="DueAt">The clock's due instant.</param>
/// <param name="LevelAt">When the clock reached the level.</param>
/// <param name="FiredAt">When the scheduler recorded it.</param>
public sealed record Card(string Id, string CaseId, CardSubject Subject, string? SubjectId, CardClock Clock, DeadlineLevel Level, string Department,
    Instant LevelAt, Instant DueAt, Instant FiredAt)
{
    internal static Card Of(CardRow row) =>
        new(row.Id, row.CaseId, row.Subject, row.StepId, row.Clock, row.Level, row.Department, row.DueLevelAt, row.DueAt, row.FiredAt);
}

/// <summary>Reads the fired cards (<c>sup_cards</c>).</summary>
public sealed class CardQueries(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>A case's cards, in the order they fell due.</summary>
    public async Task<IReadOnlyList<Card>> ForCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CardRow>().AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DueLevelAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Card.Of).ToList();
    }

    /// <summary>The cards whose level was reached in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<Card>> InPeriodAsync(Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CardRow>().AsNoTracking().Where(c => c.DueLevelAt >= from && c.DueLevelAt < to).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DueLevelAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Card.Of).ToList();
    }
}
