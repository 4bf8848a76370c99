using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Notifications;

/// <summary>
/// The in-app notification centre (docs/supervision.md, Notifications): writers stage notifications in their own
/// transaction (<see cref="StageAsync"/>), so a notification exists exactly when what it tells of happened; readers list
/// theirs, count the unread ones and mark them read. A reader sees the notifications of every audience they are in.
/// </summary>
public sealed class NotificationCentre(IDbContextFactory<WorkflowDbContext> contexts, MatterCatalogue catalogue, IClock clock)
{
    /// <summary>
    /// Adds one notification per audience to <paramref name="db"/>, and one e-mail to the outbox per reader of those
    /// audiences who wants this kind by e-mail (docs/notifications.md); all saved with the caller's changes.
    /// </summary>
    public static async Task StageAsync(DbContext db, string kind, IEnumerable<string> audiences, string? caseId, string? stepId, IReadOnlyDictionary<string, string> data, Instant at, CancellationToken cancellationToken)
    {
        // Texts name the case by its number, which people read out (docs/domain.md, *Case numbers*), not by its id.
        if (caseId is not null && !data.ContainsKey(CaseNumberKey) && await CaseNumberOfAsync(db, caseId, cancellationToken) is { } number)
            data = new Dictionary<string, string>(data) { [CaseNumberKey] = number };
        var json = JsonSerializer.Serialize(data);
        var distinct = audiences.Distinct(StringComparer.Ordinal).ToList();
        foreach (var audience in distinct)
            db.Add(new NotificationRow { Kind = kind, Audience = audience, CaseId = caseId, StepId = stepId, Data = json, CreatedAt = at });
        await EmailOutbox.StageAsync(db, kind, distinct, caseId, stepId, json, at, cancellationToken);
    }

    /// <summary>The data key of the case's number (<c>2026-3-000123</c>), added when the notification is staged.</summary>
    public const string CaseNumberKey = "caseNumber";

    // The case's row as this transaction has it (the projection may stage it in the same save), else as stored.
    private static async Task<string?> CaseNumberOfAsync(DbContext db, string caseId, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<Persistence.CaseRow>().FirstOrDefault(e => e.Entity.Id == caseId)?.Entity.CaseNumber
        ?? await db.Set<Persistence.CaseRow>().AsNoTracking().Where(c => c.Id == caseId).Select(c => c.CaseNumber).FirstOrDefaultAsync(cancellationToken);

    /// <summary>How many notifications of <paramref name="audiences"/> <paramref name="reader"/> has not read.</summary>
    public async Task<int> UnreadCountAsync(IReadOnlyCollection<string> audiences, string reader, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Visible(db, audiences).CountAsync(n => !db.Set<NotificationReadRow>().Any(r => r.NotificationId == n.Id && r.Reader == reader), cancellationToken);
    }

    /// <summary>The newest <paramref name="take"/> notifications: the first page of <see cref="PageAsync"/> unfiltered.</summary>
    public async Task<IReadOnlyList<NotificationItem>> ListAsync(IReadOnlyCollection<string> audiences, string reader, int take, CancellationToken cancellationToken = default) =>
        (await PageAsync(audiences, reader, StepListFilter.None, null, 1, take, cancellationToken)).Items.Select(i => i.Row).ToList();

    /// <summary>
    /// One page of the notifications of <paramref name="audiences"/>, narrowed by the lists' parameters (docs/api.md,
    /// *Lists*): the search (the case: <see cref="CaseSearch"/> — case number or id, project code or name, enterprise,
    /// matter — or the notification's facts), the state (a <see cref="NotificationState"/> name: read or not by
    /// <paramref name="reader"/>), <paramref name="kind"/> (<see cref="NotificationKinds"/>), the case's stage and green
    /// channel, the dates (<see cref="StepListFilter.From"/> included, <see cref="StepListFilter.To"/> not). Newest first
    /// (<see cref="ListSort.Due"/> and <see cref="ListSort.Newest"/> alike), <see cref="ListSort.Oldest"/> the other way,
    /// along the id: the order of the indexes <c>ix_notifications_audience</c> and <c>ix_notifications_audience_kind</c>,
    /// so the first page reads one of them in order and stops.
    /// </summary>
    public async Task<ListPage<WithCaseNumber<NotificationItem>>> PageAsync(IReadOnlyCollection<string> audiences, string reader, StepListFilter filter, string? kind,
        int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Visible(db, audiences);
        var reads = db.Set<NotificationReadRow>();
        if (kind is not null) query = query.Where(n => n.Kind == kind);
        if (filter.State is { } stateName && Enum.TryParse<NotificationState>(stateName, out var state))
            query = state == NotificationState.Read
                ? query.Where(n => reads.Any(r => r.NotificationId == n.Id && r.Reader == reader))
                : query.Where(n => !reads.Any(r => r.NotificationId == n.Id && r.Reader == reader));
        if (filter.From is { } from) query = query.Where(n => n.CreatedAt >= from);
        if (filter.To is { } to) query = query.Where(n => n.CreatedAt < to);
        if (CaseLinkedLists.Scoped(db, filter) is { } scoped) query = query.Where(n => n.CaseId != null && scoped.Contains(n.CaseId));
        if (CaseLinkedLists.Searched(db, filter, catalogue) is { } searched)
        {
            var text = filter.SearchText!;
            query = query.Where(n => n.Data.Contains(text) || (n.CaseId != null && searched.Contains(n.CaseId)));
        }
        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.Sort == ListSort.Oldest ? query.OrderBy(n => n.Id) : query.OrderByDescending(n => n.Id);
        var rows = await ordered.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize)
            .Select(n => new { Row = n, Read = reads.Any(r => r.NotificationId == n.Id && r.Reader == reader) })
            .ToListAsync(cancellationToken);
        var items = rows.Select(x => new NotificationItem(x.Row.Id, x.Row.Kind, x.Row.CaseId, x.Row.StepId,
            JsonSerializer.Deserialize<Dictionary<string, string>>(x.Row.Data) ?? [], x.Row.CreatedAt, x.Read)).ToList();
        return new ListPage<WithCaseNumber<NotificationItem>>(await CaseLinkedLists.NumberedAsync(db, items, i => i.CaseId ?? "", cancellationToken), total);
    }

    /// <summary>Marks one notification read; false when <paramref name="reader"/> cannot see it (the API answers 404).</summary>
    public async Task<bool> MarkReadAsync(long id, IReadOnlyCollection<string> audiences, string reader, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Visible(db, audiences).AnyAsync(n => n.Id == id, cancellationToken)) return false;
        if (await db.Set<NotificationReadRow>().AnyAsync(r => r.NotificationId == id && r.Reader == reader, cancellationToken)) return true;
        db.Add(new NotificationReadRow { NotificationId = id, Reader = reader, ReadAt = clock.GetCurrentInstant() });
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) { /* marked by a concurrent request of the same reader: read either way */ }
        return true;
    }

    /// <summary>Marks every unread notification of <paramref name="reader"/> read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(IReadOnlyCollection<string> audiences, string reader, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unread = await Visible(db, audiences)
            .Where(n => !db.Set<NotificationReadRow>().Any(r => r.NotificationId == n.Id && r.Reader == reader))
            .Select(n => n.Id).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        foreach (var id in unread) db.Add(new NotificationReadRow { NotificationId = id, Reader = reader, ReadAt = now });
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) { return 0; /* a concurrent mark-all of the same reader won */ }
        return unread.Count;
    }

    private static IQueryable<NotificationRow> Visible(WorkflowDbContext db, IReadOnlyCollection<string> audiences)
    {
        var list = audiences.ToList();
        return db.Set<NotificationRow>().Where(n => list.Contains(n.Audience));
    }
}
