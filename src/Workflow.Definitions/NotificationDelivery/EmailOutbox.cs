using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.NotificationDelivery;

/// <summary>How the outbox retries (docs/notifications.md, E-mail): the defaults suit an SMTP relay that is down for minutes.</summary>
public sealed record EmailOutboxPolicy
{
    /// <summary>Attempts before a message is given up as failed (the admin sees it).</summary>
    public int MaxAttempts { get; init; } = 8;
    /// <summary>The wait after the first failure; doubled after each further one.</summary>
    public Duration FirstRetry { get; init; } = Duration.FromMinutes(1);
    /// <summary>The longest wait between attempts.</summary>
    public Duration MaxRetry { get; init; } = Duration.FromHours(1);
    /// <summary>How long a claim keeps other workers off a message being sent.</summary>
    public Duration Lease { get; init; } = Duration.FromMinutes(5);

    /// <summary>The wait after failure number <paramref name="attempts"/> (1: <see cref="FirstRetry"/>, then doubling, at most <see cref="MaxRetry"/>).</summary>
    public Duration Backoff(int attempts)
    {
        var wait = FirstRetry;
        for (var i = 1; i < attempts && wait < MaxRetry; i++) wait += wait;
        return wait < MaxRetry ? wait : MaxRetry;
    }
}

/// <summary>The outbox at a glance, for the admin.</summary>
public sealed record OutboxCounts(int Waiting, int Sent, int Failed);

/// <summary>
/// The e-mail outbox (docs/notifications.md, E-mail). Writers stage messages in their own transaction
/// (<see cref="StageAsync"/>, through <see cref="Notifications.NotificationCentre.StageAsync"/>); delivery workers claim the
/// due ones (<see cref="ClaimDueAsync"/>: a conditional update only one worker's can win, so a message is sent once
/// however many hosts run), then mark each sent or failed. A failure waits <see cref="EmailOutboxPolicy.Backoff"/>.
/// </summary>
public sealed class EmailOutbox(IDbContextFactory<WorkflowDbContext> contexts, IClock clock, MatterCatalogue catalogue, EmailOutboxPolicy? policy = null)
{
    /// <summary>
    /// How often and how long delivery retries, and how long a claim lasts (the defaults unless the Host configures
    /// it).
    /// </summary>
    public EmailOutboxPolicy Policy { get; } = policy ?? new EmailOutboxPolicy();

    /// <summary>One message per reader of <paramref name="audiences"/> who wants <paramref name="kind"/> by e-mail; saved with the caller's changes.</summary>
    public static async Task StageAsync(DbContext db, string kind, IReadOnlyCollection<string> audiences, string? caseId, string? stepId, string data, Instant at, CancellationToken cancellationToken)
    {
        var list = audiences.ToList();
        var readers = await db.Set<NotificationSettingRow>().AsNoTracking()
            .Where(s => list.Contains(s.Audience) && s.Email != null && s.EmailKinds != "").ToListAsync(cancellationToken);
        foreach (var reader in readers.Where(r => r.EmailKindList.Contains(kind)))
        {
            db.Add(new OutboxMessageRow
            {
                Kind = kind, Reader = reader.Reader, Email = reader.Email!, Language = reader.Language, CaseId = caseId, StepId = stepId, Data = data,
                CreatedAt = at, NextAttemptAt = at,
            });
        }
    }

    /// <summary>Claims up to <paramref name="take"/> due messages for this worker (earliest first); the ones another worker claimed first are left out.</summary>
    public async Task<IReadOnlyList<OutboxMessageRow>> ClaimDueAsync(int take, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var until = now + Policy.Lease;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await Due(db, now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(take).Select(m => m.Id).ToListAsync(cancellationToken);
        var claimed = new List<long>();
        foreach (var id in due)
        {
            // The claim: the row is still due and unclaimed only for the first worker whose update reaches it.
            var won = await Due(db, now).Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, until), cancellationToken);
            if (won == 1) claimed.Add(id);
        }
        return claimed.Count == 0 ? [] : await db.Set<OutboxMessageRow>().AsNoTracking().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The message went out.</summary>
    public async Task MarkSentAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<OutboxMessageRow>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, now).SetProperty(m => m.ClaimedUntil, (Instant?)null), cancellationToken);
    }

    /// <summary>The attempt failed: try again after the backoff, or give up after the last attempt.</summary>
    public async Task MarkFailedAsync(OutboxMessageRow message, string error, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var attempts = message.Attempts + 1;
        Instant? failed = attempts >= Policy.MaxAttempts ? now : null;
        var next = now + Policy.Backoff(attempts);
        var text = error.Length > 1000 ? error[..1000] : error;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<OutboxMessageRow>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.FailedAt, failed)
            .SetProperty(m => m.LastError, text).SetProperty(m => m.ClaimedUntil, (Instant?)null), cancellationToken);
    }

    /// <summary>The messages that failed at least once and were not sent (given up or still retrying), newest first, for the admin.</summary>
    public async Task<IReadOnlyList<OutboxMessageRow>> TroubleAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxMessageRow>().AsNoTracking().Where(m => m.SentAt == null && m.Attempts > 0)
            .OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>How many messages wait (not sent, not given up), were sent, and were given up.</summary>
    public async Task<OutboxCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var set = db.Set<OutboxMessageRow>();
        return new OutboxCounts(
            await set.CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken),
            await set.CountAsync(m => m.SentAt != null, cancellationToken),
            await set.CountAsync(m => m.FailedAt != null, cancellationToken));
    }

    /// <summary>Every message (newest first), for tests: the first page of <see cref="PageAsync"/> unfiltered.</summary>
    public async Task<IReadOnlyList<OutboxMessageRow>> ListAsync(int take = 200, CancellationToken cancellationToken = default) =>
        (await PageAsync(StepListFilter.None, null, 1, take, cancellationToken)).Items.Select(m => m.Row).ToList();

    /// <summary>
    /// One page of the outbox for the admin, narrowed by the lists' parameters (docs/api.md, *Lists*): the search (the
    /// reader or address, or the case: <see cref="CaseSearch"/>), the state (an <see cref="OutboxState"/> name),
    /// <paramref name="kind"/>, the case's stage and green channel, the staging dates. Newest first (<see cref="ListSort.Due"/>
    /// and <see cref="ListSort.Newest"/> alike), <see cref="ListSort.Oldest"/> the other way, along the primary key.
    /// </summary>
    public async Task<ListPage<WithCaseNumber<OutboxMessageRow>>> PageAsync(StepListFilter filter, string? kind, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<OutboxMessageRow>().AsNoTracking();
        if (kind is not null) query = query.Where(m => m.Kind == kind);
        if (filter.State is { } stateName && Enum.TryParse<OutboxState>(stateName, out var state))
            query = state switch
            {
                OutboxState.Waiting => query.Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts == 0),
                OutboxState.Retrying => query.Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts > 0),
                OutboxState.Sent => query.Where(m => m.SentAt != null),
                _ => query.Where(m => m.FailedAt != null),
            };
        if (filter.From is { } from) query = query.Where(m => m.CreatedAt >= from);
        if (filter.To is { } to) query = query.Where(m => m.CreatedAt < to);
        if (CaseLinkedLists.Scoped(db, filter) is { } scoped) query = query.Where(m => m.CaseId != null && scoped.Contains(m.CaseId));
        if (CaseLinkedLists.Searched(db, filter, catalogue) is { } searched)
        {
            var text = filter.SearchText!;
            query = query.Where(m => m.Reader.Contains(text) || m.Email.Contains(text) || (m.CaseId != null && searched.Contains(m.CaseId)));
        }
        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.Sort == ListSort.Oldest ? query.OrderBy(m => m.Id) : query.OrderByDescending(m => m.Id);
        var rows = await ordered.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<WithCaseNumber<OutboxMessageRow>>(await CaseLinkedLists.NumberedAsync(db, rows, m => m.CaseId ?? "", cancellationToken), total);
    }

    private static IQueryable<OutboxMessageRow> Due(WorkflowDbContext db, Instant now) =>
        db.Set<OutboxMessageRow>().Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now));
}
