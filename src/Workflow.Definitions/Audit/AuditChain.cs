using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Audit;

/// <summary>
/// Appends entries to the hash chain inside a transaction the caller holds, so that an entry commits with the change it
/// records or not at all (docs/audit.md, "Same transaction"). Appends are serialised: on PostgreSQL by a transaction-scoped
/// advisory lock taken before the chain's head is read; on SQLite by the write transaction itself (BEGIN IMMEDIATE takes
/// the database's write lock up front). The sequence number is the primary key, so even a writer that skipped the lock
/// could not fork the chain: its insert would fail and roll its change back.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of entry 1.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The advisory lock key that serialises appends on PostgreSQL ("audit" in ASCII).</summary>
    public const long LockKey = 0x6175646974;

    /// <summary>
    /// Appends <paramref name="facts"/> in order at <paramref name="now"/>, with <paramref name="actor"/> filling in facts that
    /// name no actor. Stages the rows on <paramref name="db"/>; the caller's <c>SaveChanges</c> and commit write them.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public static async Task<IReadOnlyList<AuditEntry>> AppendAsync(WorkflowDbContext db, IReadOnlyList<AuditFact> facts, Instant now, AuditActor? actor, CancellationToken cancellationToken)
    {
        if (facts.Count == 0) return [];
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("An audit entry is appended inside the transaction of the change it records; open one first.");

        // Entries staged earlier on this context (not yet saved) are the head if there are any (the lock is held then).
        var staged = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).OrderBy(e => e.Sequence).LastOrDefault();
        var head = staged ?? await HeadAsync(db, cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? Genesis;
        var written = new List<AuditEntry>(facts.Count);
        foreach (var fact in facts)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
                At = now,
                Actor = fact.Actor ?? actor?.UserName ?? AuditActor.System.UserName,
                Role = fact.Role ?? actor?.Role ?? AuditActor.System.Role,
                Action = fact.Action,
                CaseId = fact.CaseId,
                StepId = fact.StepId,
                Before = fact.Before,
                After = fact.After,
                PreviousHash = previous,
            };
            entry.Hash = HashOf(entry);
            previous = entry.Hash;
            db.Add(entry);
            written.Add(entry);
        }
        return written;
    }

    /// <summary>
    /// The chain's last committed entry. On PostgreSQL the advisory lock is taken first, in the same round trip: a
    /// <c>DO</c> block (no result set, so the reader's first result is the head) and then the read, whose snapshot is
    /// taken after the lock was granted, so it sees every append committed before (issue #16: one round trip less).
    /// </summary>
    private static async Task<AuditEntry?> HeadAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (db.Provider != WorkflowDatabaseProvider.PostgreSql)
            return await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        // Not composed (no LINQ operator after FromSqlRaw), so EF sends the text as it is; the key is a constant.
        var head = await db.Set<AuditEntry>().FromSqlRaw(
            $"DO $$ BEGIN PERFORM pg_advisory_xact_lock({LockKey}); END $$; SELECT * FROM audit_entries ORDER BY sequence DESC LIMIT 1")
            .AsNoTracking().ToListAsync(cancellationToken);
        return head.SingleOrDefault();
    }

    /// <summary>
    /// SHA-256 over the entry's fields and its previous hash, as a JSON array (unambiguous: no field can run into the next),
    /// the instant as nanoseconds since the Unix epoch. Lower-case hex.
    /// </summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            entry.Sequence, InstantToUnixNanosecondsConverter.ToUnixNanoseconds(entry.At), entry.Actor, entry.Role, entry.Action,
            entry.CaseId, entry.StepId, entry.Before, entry.After, entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
