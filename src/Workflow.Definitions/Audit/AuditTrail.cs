using Workflow.Definitions.Tracking;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Audit;

/// <summary>
/// The audit trail (docs/audit.md): appends outside a workflow save, reads a case's entries, verifies the chain.
/// Inside a workflow save use <see cref="AuditScope.Record"/>; inside a transaction of your own, <see cref="AppendAsync(WorkflowDbContext, IReadOnlyList{AuditFact}, CancellationToken)"/>.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<WorkflowDbContext> contexts, IClock clock)
{
    /// <summary>How many entries a verification reads per query (the chain is walked in pages, never held whole).</summary>
    private const int Page = 2000;

    /// <summary>
    /// Appends <paramref name="facts"/> inside the caller's open transaction on <paramref name="db"/> (e.g. a binding change or a
    /// rating saved by its own service): they commit with the caller's change. The caller saves and commits.
    /// </summary>
    public Task<IReadOnlyList<AuditEntry>> AppendAsync(WorkflowDbContext db, IReadOnlyList<AuditFact> facts, CancellationToken cancellationToken = default) =>
        AuditChain.AppendAsync(db, facts, clock.GetCurrentInstant(), AuditScope.Actor, cancellationToken);

    /// <summary>
    /// Appends one fact in a transaction of its own, for events that change nothing else in the database (a failed sign-in).
    /// </summary>
    public async Task<AuditEntry> AppendAsync(AuditFact fact, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await AppendAsync(db, [fact], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return written[0];
    }

    /// <summary>The entries of one case, in chain order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AuditEntry>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One page of the entries of one case (docs/audit.md, "Who may read it"), narrowed by the lists' parameters that
    /// apply (docs/api.md, *Lists*): the search (part of the actor, the action, the before or after text), an exact
    /// <paramref name="actor"/>, an <paramref name="action"/> (exact, or a family such as <c>step</c> for <c>step.*</c>),
    /// the dates (<see cref="StepListFilter.From"/> included, <see cref="StepListFilter.To"/> not). Chain order
    /// (<see cref="ListSort.Due"/> and <see cref="ListSort.Oldest"/>), <see cref="ListSort.Newest"/> the other way: the
    /// order of the index <c>ix_audit_entries_case_sequence</c>, so a page reads it and stops.
    /// </summary>
    public async Task<ListPage<AuditEntry>> PageAsync(string caseId, StepListFilter filter, string? actor, string? action, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<AuditEntry>().AsNoTracking().Where(e => e.CaseId == caseId);
        if (actor is not null) query = query.Where(e => e.Actor == actor);
        if (action is not null)
        {
            var family = action + ".";
            query = query.Where(e => e.Action == action || e.Action.StartsWith(family));
        }
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        if (filter.SearchText is { } text)
            query = query.Where(e => e.Actor.Contains(text) || e.Action.Contains(text) || (e.Before != null && e.Before.Contains(text)) || (e.After != null && e.After.Contains(text)));
        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.Sort == ListSort.Newest ? query.OrderByDescending(e => e.Sequence) : query.OrderBy(e => e.Sequence);
        var rows = await ordered.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<AuditEntry>(rows, total);
    }

    /// <summary>
    /// Walks the whole chain from entry 1: every sequence number present, every previous hash equal to the hash of the
    /// entry before, every hash equal to the SHA-256 of its entry. Stops at the first break.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        long expected = 1;
        var previous = AuditChain.Genesis;
        while (true)
        {
            var from = expected;
            var page = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).Take(Page).ToListAsync(cancellationToken);
            if (page.Count == 0) return new AuditVerification(expected - 1, null);
            foreach (var entry in page)
            {
                if (entry.Sequence != expected)
                    return new AuditVerification(expected - 1, new AuditBreak(expected, AuditBreakKind.Missing,
                        entry.Sequence == expected + 1
                            ? $"entry {expected} is missing (the chain goes from entry {expected - 1} to entry {entry.Sequence})"
                            : $"entries {expected} to {entry.Sequence - 1} are missing (the chain goes from entry {expected - 1} to entry {entry.Sequence})"));
                if (entry.PreviousHash != previous)
                    return new AuditVerification(expected - 1, new AuditBreak(expected, AuditBreakKind.Unlinked,
                        $"entry {expected} ({entry.Action}, {entry.At}) does not link to entry {expected - 1}: its previous hash is {entry.PreviousHash}, entry {expected - 1}'s hash is {previous}"));
                var hash = AuditChain.HashOf(entry);
                if (entry.Hash != hash)
                    return new AuditVerification(expected - 1, new AuditBreak(expected, AuditBreakKind.Altered,
                        $"entry {expected} ({entry.Action}, {entry.At}, case {entry.CaseId ?? "-"}) was altered: its contents hash to {hash}, the chain recorded {entry.Hash}"));
                previous = entry.Hash;
                expected++;
            }
        }
    }
}

/// <summary>The result of <see cref="AuditTrail.VerifyAsync"/>: how many entries verified from the start, and the first break if any.</summary>
public sealed record AuditVerification(long Verified, AuditBreak? Break)
{
    /// <summary>True when every entry verified and the chain has no break.</summary>
    public bool IsIntact => Break is null;
}

/// <summary>The first broken link: the sequence number where the chain breaks, how, and a sentence naming it.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind, string Message);

/// <summary>How the chain breaks at <see cref="AuditBreak.Sequence"/> (docs/audit.md, "Verifying: audit verify").</summary>
public enum AuditBreakKind
{
    /// <summary>A sequence number is absent (an entry was deleted).</summary>
    Missing,
    /// <summary>The entry's previous hash is not the hash of the entry before (inserted, reordered, or the one before rewritten with its hash).</summary>
    Unlinked,
    /// <summary>The entry's fields no longer hash to its recorded hash (the row was edited).</summary>
    Altered,
}
