using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// <see cref="IWorkflowInstanceStore"/> on EF Core. Each call uses its own short-lived context, so one store
/// serves many threads, and several processes may share one database: the <c>version</c> column decides
/// which update wins. Every save is one transaction (or savepoint) holding the instance row, the bookmark delta, the
/// changed execution-state parts (<see cref="StateParts"/>), the new journal lines, the idempotency record and whatever <see cref="IWorkflowSaveParticipant"/>s add.
/// </summary>
/// <remarks>
/// On success the store sets <see cref="WorkflowInstance.Version"/> of the object passed in to the stored
/// version (1 after insert, old + 1 after update); on any failure the object is left as it was.
/// On SQLite saves are committed in groups (<see cref="SqliteGroupCommit"/>: one <c>BEGIN IMMEDIATE</c> transaction, a
/// savepoint per save, one fsync; docs/persistence.md, *Durability*); on PostgreSQL each save is its own transaction.
/// </remarks>
public sealed class EfWorkflowInstanceStore(IDbContextFactory<WorkflowDbContext> contexts, IEnumerable<IWorkflowSaveParticipant> participants,
    WorkflowPersistenceOptions options)
    : IWorkflowInstanceStore, IDueBookmarkClaimer, IWorkflowInstanceQuery, IDisposable, IAsyncDisposable
{
    private readonly IReadOnlyList<IWorkflowSaveParticipant> _participants = participants.ToList();

    // SQLite has one writer at a time: saves are committed in groups (docs/persistence.md, *Durability*). PostgreSQL
    // writes in parallel, each save its own transaction. Only participants stage entities on a save's context; without
    // them the saves of a group share one.
    private readonly SqliteGroupCommit? _groups = options.Provider == WorkflowDatabaseProvider.Sqlite
        ? new SqliteGroupCommit(contexts, contextPerSave: participants.Any()) : null;

    // SQLite: loads run on kept connections with their statement prepared (SqliteReaders); PostgreSQL reads on a new
    // context each time (Npgsql's pool keeps its own prepared statements).
    private readonly SqliteReaders? _readers = options.Provider == WorkflowDatabaseProvider.Sqlite ? new SqliteReaders(contexts) : null;

    /// <summary>The SQLite group committer (null on PostgreSQL), for tests.</summary>
    internal SqliteGroupCommit? GroupCommit => _groups;

    /// <summary>The SQLite readers kept for loads (null on PostgreSQL), for tests.</summary>
    internal SqliteReaders? Readers => _readers;

    /// <summary>Closes the group committer's writer connection and the kept reader connections (SQLite).</summary>
    public void Dispose()
    {
        _readers?.Dispose();
        _groups?.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (_readers is not null) await _readers.DisposeAsync();
        if (_groups is not null) await _groups.DisposeAsync();
    }

    // What was last read or written of each running instance: the next load leaves the rows out when they are unchanged.
    private readonly InstanceSnapshots _snapshots = new();

    /// <inheritdoc />
    public async Task<WorkflowInstance?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var known = _snapshots.Find(instanceId);
        WorkflowInstance? instance;
        if (_readers is not null) instance = await _readers.RunAsync(db => InstanceLoad.FindAsync(db, instanceId, known, cancellationToken), cancellationToken);
        else
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            instance = await InstanceLoad.FindAsync(db, instanceId, known, cancellationToken);
        }
        if (instance is null || instance.Status == WorkflowStatus.Finished) _snapshots.Forget(instanceId);
        else if (instance.StoredState is { } read && !ReferenceEquals(read, known)) _snapshots.Keep(instanceId, read);
        return instance;
    }

    /// <inheritdoc />
    /// <exception cref="ConcurrencyConflictException">An instance with this id exists already (expected version 0).</exception>
    /// <exception cref="DuplicateIdempotencyKeyException">The idempotency key was used already in its scope.</exception>
    /// <exception cref="ArgumentException">A journal line belongs to another instance, or two bookmarks share an id.</exception>
    public Task InsertAsync(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default) =>
        SaveAsync(WorkflowSaveKind.Insert, instance, journal, idempotency, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ConcurrencyConflictException">The stored version differs from <see cref="WorkflowInstance.Version"/>.</exception>
    /// <exception cref="DuplicateIdempotencyKeyException">The idempotency key was used already in its scope (reported even when the version is stale too).</exception>
    /// <exception cref="InvalidOperationException">No instance with this id is stored.</exception>
    /// <exception cref="ArgumentException">A journal line belongs to another instance, or two bookmarks share an id.</exception>
    public Task UpdateAsync(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default) =>
        SaveAsync(WorkflowSaveKind.Update, instance, journal, idempotency, cancellationToken);

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Idempotency.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
        return row is null ? null : InstanceRowMapper.ToRecord(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        return [.. rows.Select(InstanceRowMapper.ToEntry)];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads only <c>wf_bookmarks</c> (indexed by instance, activity type + kind, kind + resume_at), never instance JSON.
    /// <see cref="BookmarkFilter.DueBy"/> matches bookmarks with a <see cref="Bookmark.ResumeAt"/> at or before it.
    /// Ordered by resume time (timers first, earliest first), then instance and position.
    /// </remarks>
    public async Task<IReadOnlyList<(string InstanceId, Bookmark Bookmark)>> FindBookmarksAsync(BookmarkFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<BookmarkRow> query = db.Bookmarks.AsNoTracking();
        if (filter.InstanceId is not null)
        {
            query = query.Where(b => b.InstanceId == filter.InstanceId);
        }

        if (filter.ActivityType is not null)
        {
            query = query.Where(b => b.ActivityType == filter.ActivityType);
        }

        if (filter.Kind is not null)
        {
            query = query.Where(b => b.Kind == filter.Kind);
        }

        if (filter.DueBy is { } dueBy)
        {
            query = query.Where(b => b.ResumeAt != null && b.ResumeAt <= dueBy);
        }

        var rows = await query.OrderBy(b => b.ResumeAt == null).ThenBy(b => b.ResumeAt).ThenBy(b => b.InstanceId).ThenBy(b => b.Ordinal)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.InstanceId, InstanceRowMapper.ToBookmark(r)))];
    }

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL selects the candidates <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers split the due set without
    /// waiting for each other; on SQLite the claim transaction (BEGIN IMMEDIATE) excludes other writers. The lease is stored in
    /// <c>wf_bookmarks.claimed_by</c> / <c>claimed_until</c> and survives saves of the instance that keep the bookmark.
    /// </remarks>
    public async Task<IReadOnlyList<(string InstanceId, Bookmark Bookmark)>> ClaimDueAsync(string owner, NodaTime.Instant now, NodaTime.Duration lease, int max, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(owner))
        {
            throw new ArgumentException("A claim needs the name of the worker that owns it.", nameof(owner));
        }

        if (lease <= NodaTime.Duration.Zero)
        {
            throw new ArgumentException($"A lease must be positive; got {lease}.", nameof(lease));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        List<BookmarkRow> due;
        if (db.Provider == WorkflowDatabaseProvider.PostgreSql)
        {
            var at = InstantToUnixNanosecondsConverter.ToUnixNanoseconds(now);
            due = await db.Bookmarks.FromSql($"""
                SELECT * FROM wf_bookmarks
                WHERE resume_at <= {at} AND (claimed_until IS NULL OR claimed_until <= {at})
                ORDER BY resume_at, instance_id, ordinal
                LIMIT {max}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            due = await db.Bookmarks
                .Where(b => b.ResumeAt != null && b.ResumeAt <= now && (b.ClaimedUntil == null || b.ClaimedUntil <= now))
                .OrderBy(b => b.ResumeAt).ThenBy(b => b.InstanceId).ThenBy(b => b.Ordinal)
                .Take(max)
                .ToListAsync(cancellationToken);
        }

        foreach (var row in due)
        {
            row.ClaimedBy = owner;
            row.ClaimedUntil = now + lease;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return [.. due.Select(r => (r.InstanceId, InstanceRowMapper.ToBookmark(r)))];
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<WorkflowInstanceSummary> Items, int TotalCount)> ListAsync(WorkflowInstanceFilter filter, WorkflowInstanceOrder order, bool descending,
        int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Instances.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var ordered = order switch
        {
            WorkflowInstanceOrder.Updated => descending ? query.OrderByDescending(i => i.UpdatedAt) : query.OrderBy(i => i.UpdatedAt),
            WorkflowInstanceOrder.Finished => descending ? query.OrderByDescending(i => i.FinishedAt) : query.OrderBy(i => i.FinishedAt),
            WorkflowInstanceOrder.Name => descending ? query.OrderByDescending(i => i.Name) : query.OrderBy(i => i.Name),
            _ => descending ? query.OrderByDescending(i => i.CreatedAt) : query.OrderBy(i => i.CreatedAt),
        };
        var rows = await ordered.ThenBy(i => i.Id).Skip(skip).Take(take)
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.CorrelationId, i.Name, i.Status, i.SubStatus, i.IsTest, HasFault = i.Fault != null, i.CreatedAt, i.UpdatedAt, i.FinishedAt })
            .ToListAsync(cancellationToken);
        return ([.. rows.Select(r => new WorkflowInstanceSummary(r.Id, r.DefinitionId, r.DefinitionVersionId, r.DefinitionVersion, r.CorrelationId, r.Name,
            Enum.Parse<WorkflowStatus>(r.Status), Enum.Parse<WorkflowSubStatus>(r.SubStatus), r.IsTest, r.HasFault, r.CreatedAt, r.UpdatedAt, r.FinishedAt))], total);
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filter(db.Instances.AsNoTracking(), filter).CountAsync(cancellationToken);
    }

    /// <remarks>Bookmarks and journal lines go with the row (foreign keys ON DELETE CASCADE).</remarks>
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // SQLite enforces the cascade only with foreign keys on; deleting the children first works on both providers.
        await db.Bookmarks.Where(b => b.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken);
        await db.StatePartRows.Where(p => p.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken);
        await db.Journal.Where(j => j.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Instances.Where(i => i.Id == instanceId).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        _snapshots.Forget(instanceId);
        return deleted > 0;
    }

    private static IQueryable<InstanceRow> Filter(IQueryable<InstanceRow> query, WorkflowInstanceFilter filter)
    {
        if (filter.Ids is { } ids) query = query.Where(i => ids.Contains(i.Id));
        if (filter.DefinitionIds is { } definitionIds) query = query.Where(i => definitionIds.Contains(i.DefinitionId));
        if (filter.Version is { } version) query = query.Where(i => i.DefinitionVersion == version);
        if (filter.CorrelationId is { } correlationId) query = query.Where(i => i.CorrelationId == correlationId);
        if (!string.IsNullOrEmpty(filter.SearchTerm))
        {
            var term = filter.SearchTerm.ToLowerInvariant();
            query = query.Where(i => i.Id.ToLower().Contains(term) || i.DefinitionId.ToLower().Contains(term)
                || (i.Name != null && i.Name.ToLower().Contains(term)) || (i.CorrelationId != null && i.CorrelationId.ToLower().Contains(term)));
        }
        if (filter.Statuses is { } statuses)
        {
            var names = statuses.Select(s => s.ToString()).ToList();
            query = query.Where(i => names.Contains(i.Status));
        }
        if (filter.SubStatuses is { } subStatuses)
        {
            var names = subStatuses.Select(s => s.ToString()).ToList();
            query = query.Where(i => names.Contains(i.SubStatus));
        }
        if (filter.IsTest is { } isTest) query = query.Where(i => i.IsTest == isTest);
        if (filter.HasFault is { } hasFault) query = query.Where(i => (i.Fault != null) == hasFault);
        return query;
    }

    /// <summary>
    /// Writes only what changed in the instance's bookmark set (issue #16, "constant cost per step"): removed rows are
    /// deleted, new ones inserted, changed ones updated; the rows a resume did not touch are not written. A timer lease
    /// held by a worker (claimed_by, claimed_until) stays on its row. Ordinals keep their values while the set's order
    /// allows, so removing the first of K bookmarks does not renumber the other K − 1. <paramref name="stored"/> are the
    /// rows stored at the expected version (kept from the last read or write, or read from the table). Returns the rows as
    /// they will be stored.
    /// </summary>
    /// <remarks>
    /// A bookmark that is the very record <paramref name="knownObjects"/> (kept with the rows; null when they were read
    /// from the table) holds — a record nobody changes — is its stored row:
    /// its payload is not written out again to be compared (at K = 300 that was most of the delta's cost).
    /// </remarks>
    private static Dictionary<string, BookmarkRow> AddBookmarkDelta(SaveStatements statements, WorkflowInstance instance,
        Dictionary<string, BookmarkRow> stored, IReadOnlyList<Bookmark>? knownObjects)
    {
        var same = knownObjects?.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var wanted = instance.Bookmarks.Select((b, i) =>
            same is not null && same.TryGetValue(b.Id, out var o) && ReferenceEquals(o, b) && stored.TryGetValue(b.Id, out var row)
                ? row : InstanceRowMapper.ToRow(instance.Id, b, i)).ToList();
        var wantedIds = wanted.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        statements.Delete("wf_bookmarks", null, "id", [.. stored.Keys.Where(id => !wantedIds.Contains(id))]);

        // Kept rows keep their ordinal and new rows follow the last kept one, when that keeps the order strictly
        // increasing; otherwise every row takes its position (the rare reorder).
        var ordinals = new List<int>(wanted.Count);
        var last = -1;
        foreach (var b in wanted)
        {
            last = stored.TryGetValue(b.Id, out var old) ? old.Ordinal : last + 1;
            ordinals.Add(last);
        }
        var keepOrdinals = ordinals.Zip(ordinals.Skip(1)).All(p => p.First < p.Second);
        for (var i = 0; i < wanted.Count; i++)
        {
            var b = wanted[i];
            var ordinal = keepOrdinals ? ordinals[i] : i;
            if (!stored.TryGetValue(b.Id, out var old))
            {
                b.Ordinal = ordinal;
                InsertBookmark(statements, b);
                continue;
            }
            if (ReferenceEquals(b, old))
            {
                // The stored row itself, shared with the snapshot the save starts from: unchanged unless it moves, and
                // then copied before it is changed (at K = 300 a copy of every row was a tenth of a save's allocations).
                if (old.Ordinal == ordinal) continue;
                wanted[i] = b = Copy(old);
            }
            b.Ordinal = ordinal;

            if (old.Ordinal == b.Ordinal && old.ActivityId == b.ActivityId && old.ActivityType == b.ActivityType && old.NodeId == b.NodeId
                && old.Kind == b.Kind && old.Payload == b.Payload && old.CreatedAt == b.CreatedAt && old.ResumeAt == b.ResumeAt) continue;
            statements.Add("UPDATE wf_bookmarks SET ordinal = {1}, activity_id = {2}, activity_type = {3}, node_id = {4}, kind = {5}, payload = {6}, created_at = {7}, resume_at = {8} WHERE id = {0}",
                b.Id, b.Ordinal, b.ActivityId, b.ActivityType, b.NodeId, b.Kind, b.Payload, b.CreatedAt, b.ResumeAt);
        }

        return wanted.ToDictionary(b => b.Id, StringComparer.Ordinal);
    }

    /// <summary>The columns of <c>wf_instances</c> an update may set (not <c>id</c>, not <c>version</c>), with their values in a row.</summary>
    private static readonly (string Column, Func<InstanceRow, object?> Value)[] InstanceColumns =
    [
        ("definition_id", r => r.DefinitionId), ("definition_version", r => r.DefinitionVersion), ("definition_version_id", r => r.DefinitionVersionId),
        ("correlation_id", r => r.CorrelationId), ("name", r => r.Name), ("is_test", r => r.IsTest), ("status", r => r.Status), ("sub_status", r => r.SubStatus),
        ("input", r => r.Input), ("variables", r => r.Variables), ("output", r => r.Output), ("execution_state", r => r.ExecutionState),
        ("state_in_parts", r => r.StateInParts), ("fault", r => r.Fault), ("created_at", r => r.CreatedAt), ("updated_at", r => r.UpdatedAt),
        ("finished_at", r => r.FinishedAt),
    ];

    /// <summary>
    /// The version-checked update of the instance row, setting only the columns that differ from <paramref name="before"/>
    /// (the row as read or written at the expected version; every column when not known). SQLite rewrites an index
    /// whenever a column of it is assigned, even to its own value: assigning every column touched the pages of the three
    /// indexes of <c>wf_instances</c> (definition, correlation id, status) on every resume, though a resume rarely
    /// changes them (docs/benchmarks.md, "2026-12-01 (3)").
    /// </summary>
    private static void AddInstanceUpdate(SaveStatements update, InstanceRow row, InstanceRow? before, long expected)
    {
        var values = new List<object?> { row.Id, expected, row.Version };
        var set = new System.Text.StringBuilder();
        foreach (var (column, value) in InstanceColumns)
        {
            var now = value(row);
            if (before is not null && Equals(value(before), now)) continue;
            set.Append(column).Append(" = {").Append(values.Count).Append("}, ");
            values.Add(now);
        }
        update.Add("UPDATE wf_instances SET " + set + "version = {2} WHERE id = {0} AND version = {1}", [.. values]);
    }

    private static BookmarkRow Copy(BookmarkRow r) => new()
    {
        Id = r.Id, InstanceId = r.InstanceId, Ordinal = r.Ordinal, ActivityId = r.ActivityId, ActivityType = r.ActivityType, NodeId = r.NodeId,
        Kind = r.Kind, Payload = r.Payload, CreatedAt = r.CreatedAt, ResumeAt = r.ResumeAt,
    };

    private static void InsertBookmark(SaveStatements statements, BookmarkRow b) =>
        statements.Insert("wf_bookmarks", "id, instance_id, ordinal, activity_id, activity_type, node_id, kind, payload, created_at, resume_at",
            b.Id, b.InstanceId, b.Ordinal, b.ActivityId, b.ActivityType, b.NodeId, b.Kind, b.Payload, b.CreatedAt, b.ResumeAt);

    private async Task SaveAsync(WorkflowSaveKind kind, WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(journal);
        Validate(instance, journal);

        var expected = kind == WorkflowSaveKind.Insert ? 0 : instance.Version;
        var newVersion = expected + 1;
        // The rows besides the instance row are found here, on the caller's thread, whenever what is stored is known:
        // on SQLite the one thread that writes then only sends statements (docs/persistence.md, *Durability*).
        var delta = kind == WorkflowSaveKind.Insert ? Delta(instance, new(0, new(StringComparer.Ordinal), new(StringComparer.Ordinal)), journal, idempotency)
            : instance.StoredState is { Bookmarks: not null } read && read.Version == expected ? Delta(instance, read, journal, idempotency)
            : null;
        Written written;
        try
        {
            if (_groups is not null)
            {
                // SQLite: in the next group's transaction, inside a savepoint; answered once the group committed.
                written = await _groups.RunAsync((db, ct) => WriteAsync(db, kind, instance, newVersion, delta, journal, idempotency, ct), cancellationToken);
            }
            else
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                try
                {
                    written = await WriteAsync(db, kind, instance, newVersion, delta, journal, idempotency, cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                }
                catch
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    throw;
                }
            }
        }
        catch (EngineRowsRefusedException refused)
        {
            // Nothing was written (rolled back, or rolled back to the save's savepoint and the group committed without it).
            var explained = await ExplainAsync(kind, instance.Id, expected, idempotency, CancellationToken.None);
            if (explained is not null) throw explained;
            if (IsTransientConflict(refused.InnerException!)) throw new ConcurrencyConflictException(instance.Id, expected, expected);
            throw new InvalidOperationException($"Saving workflow instance '{instance.Id}' failed: {refused.InnerException!.InnerException?.Message ?? refused.InnerException!.Message}", refused.InnerException);
        }

        if (written.Context is { } context)
        {
            foreach (var participant in _participants)
            {
                await participant.OnSavedAsync(context, CancellationToken.None);
            }
        }

        instance.Version = newVersion;
        var saved = written.Delta.State with { Version = newVersion, Bookmarks = written.Delta.Bookmarks, Row = written.Row, BookmarkObjects = [.. instance.Bookmarks] };
        // The run's scheduling object goes with the snapshot, for the next run of this instance to take (and no one else);
        // the next run changes it, so from now on this instance's state is read from the parts as saved.
        if (instance.RunState is { } run)
        {
            instance.BuildExecutionStateWhenRead(() => StateParts.Assemble(saved.Parts, saved.Row!.Id));
            saved.OfferRunState(run);
            instance.RunState = null;
        }
        instance.StoredState = saved;
        if (instance.Status == WorkflowStatus.Finished) _snapshots.Forget(instance.Id);
        else _snapshots.Keep(instance.Id, saved);
    }

    /// <summary>
    /// What one save wrote: the participants' context (for <see cref="IWorkflowSaveParticipant.OnSavedAsync"/>), the rows
    /// besides the instance row (the state parts and bookmark rows as stored, with what the next save compares with; its
    /// version is set once the save is durable) and the instance row.
    /// </summary>
    private sealed record Written(WorkflowSaveContext? Context, SaveDelta Delta, InstanceRow Row);

    /// <summary>
    /// The rows of one save besides the instance row — the bookmark delta, the changed state parts, the journal lines, the
    /// idempotency record — as statements ready to send, with the bookmark rows and state parts as they will be stored.
    /// Found from what is stored at the expected version, before the save runs: nothing in it depends on the transaction,
    /// and <see cref="IWorkflowSaveParticipant.OnPreparingAsync"/> may change only the instance's variables, which are in
    /// the instance row. A stale version fails the instance row's update first, so a delta against an outdated copy is
    /// never sent. <paramref name="RowBefore"/>: the instance row stored at the expected version, when known (an update
    /// then sets only the columns that changed).
    /// </summary>
    private sealed record SaveDelta(SaveStatements Statements, Dictionary<string, BookmarkRow> Bookmarks, StoredStateParts State, InstanceRow? RowBefore);

    /// <summary>The save's <see cref="SaveDelta"/> against <paramref name="known"/>: the parts and bookmark rows stored at the expected version.</summary>
    private SaveDelta Delta(WorkflowInstance instance, StoredStateParts known, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency)
    {
        var statements = new SaveStatements(options.Provider);
        var rows = AddBookmarkDelta(statements, instance, known.Bookmarks!, known.BookmarkObjects);
        var state = AddStateDelta(statements, instance, known);
        foreach (var j in journal.Select(InstanceRowMapper.ToRow))
        {
            statements.Insert("wf_journal", "instance_id, sequence, activity_id, activity_type, node_id, event_kind, outcome, occurred_at, data",
                j.InstanceId, j.Sequence, j.ActivityId, j.ActivityType, j.NodeId, j.EventKind, j.Outcome, j.OccurredAt, j.Data);
        }

        if (idempotency is not null)
        {
            var r = InstanceRowMapper.ToRow(idempotency);
            statements.Add("INSERT INTO wf_idempotency (scope, idempotency_key, request_hash, response_json, created_at) VALUES ({0}, {1}, {2}, {3}, {4})",
                r.Scope, r.Key, r.RequestHash, r.ResponseJson, r.CreatedAt);
        }
        return new SaveDelta(statements.Prepare(), rows, state, known.Row);
    }

    /// <summary>The save's <see cref="SaveDelta"/> against the rows read from the table (an update whose stored rows are not known: an instance the caller built, or a stale copy).</summary>
    private async Task<SaveDelta> ReadDeltaAsync(WorkflowDbContext db, WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency,
        CancellationToken cancellationToken)
    {
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id).ToDictionaryAsync(b => b.Id, StringComparer.Ordinal, cancellationToken);
        var parts = await db.StatePartRows.AsNoTracking().Where(p => p.InstanceId == instance.Id)
            .ToDictionaryAsync(p => p.Pointer, p => (p.Ordinal, p.Value), StringComparer.Ordinal, cancellationToken);
        return Delta(instance, new StoredStateParts(0, parts, bookmarks), journal, idempotency);
    }

    /// <summary>The engine's rows were refused (a stale version, a duplicate key …): explained by <see cref="ExplainAsync"/> once rolled back.</summary>
    private sealed class EngineRowsRefusedException(Exception failure) : Exception(failure.Message, failure);

    /// <summary>
    /// Writes one save inside the transaction (or savepoint) open on <paramref name="db"/>: participants' preparation, the
    /// instance row (row-version checked, on its own), then <paramref name="delta"/> (found from the table first when it is
    /// null), then the participants' rows. Throws <see cref="EngineRowsRefusedException"/> when the engine's rows are
    /// refused; the caller rolls back.
    /// </summary>
    private async Task<Written> WriteAsync(WorkflowDbContext db, WorkflowSaveKind kind, WorkflowInstance instance, long newVersion, SaveDelta? delta,
        IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        var expected = newVersion - 1;
        // Participants may stamp the instance inside the transaction before it is written (e.g. a number drawn from a
        // counter row that commits or rolls back with the instance).
        foreach (var participant in _participants)
        {
            await participant.OnPreparingAsync(new WorkflowSaveContext(kind, instance, newVersion, journal, idempotency, db), cancellationToken);
        }

        var row = InstanceRowMapper.ToRow(instance, newVersion);
        try
        {
            // The instance row first, on its own: an update's version column is the row's concurrency token, and an update
            // that changes no row (the stored version is not the expected one) sends nothing else of the save.
            var head = new SaveStatements(db.Provider);
            if (kind == WorkflowSaveKind.Insert)
            {
                head.Add("""
                    INSERT INTO wf_instances (id, definition_id, definition_version, definition_version_id, correlation_id, name, is_test, status, sub_status,
                        input, variables, output, execution_state, state_in_parts, fault, created_at, updated_at, finished_at, version)
                    VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}, {16}, {17}, {18})
                    """, row.Id, row.DefinitionId, row.DefinitionVersion, row.DefinitionVersionId, row.CorrelationId, row.Name, row.IsTest, row.Status, row.SubStatus,
                    row.Input, row.Variables, row.Output, row.ExecutionState, row.StateInParts, row.Fault, row.CreatedAt, row.UpdatedAt, row.FinishedAt, row.Version);
                await head.ExecuteAsync(db, cancellationToken);
            }
            else
            {
                AddInstanceUpdate(head, row, delta?.RowBefore, expected);
                if (await head.ExecuteAsync(db, cancellationToken) != 1)
                    throw new EngineRowsRefusedException(new DbUpdateConcurrencyException($"Workflow instance '{instance.Id}' is not stored at version {expected}."));
            }

            delta ??= await ReadDeltaAsync(db, instance, journal, idempotency, cancellationToken);
            await delta.Statements.ExecuteAsync(db, cancellationToken);
        }
        // A duplicate key, a foreign key, or (PostgreSQL) a deadlock or serialization failure; Npgsql's execution
        // strategy may wrap one in an InvalidOperationException.
        catch (Exception failure) when (failure is not EngineRowsRefusedException
            && (failure is DbException or DbUpdateException || failure.InnerException is DbException or DbUpdateException))
        {
            throw new EngineRowsRefusedException(failure);
        }

        // The engine's rows are written and the version check passed; participants add theirs in the same
        // transaction. Their rows may reference wf_instances without EF knowing the relationship, because
        // the instance row exists by now. Any failure from here on leaves the transaction uncommitted.
        WorkflowSaveContext? context = null;
        if (_participants.Count > 0)
        {
            context = new WorkflowSaveContext(kind, instance, newVersion, journal, idempotency, db);
            try
            {
                foreach (var participant in _participants)
                {
                    await participant.OnSavingAsync(context, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception failure) when (IsTransientConflict(failure))
            {
                throw new ConcurrencyConflictException(instance.Id, expected, expected);
            }
        }

        return new Written(context, delta, row);
    }

    /// <summary>
    /// Adds only the parts of the execution state that differ from what is stored (issue #16; <see cref="StateParts"/>):
    /// changed values are updated, new parts inserted after the last ordinal, vanished ones deleted. What is stored is
    /// <paramref name="known"/> — the parts read or written at the expected version, exact because every change of a part
    /// bumps the version. When the run's state object is the one kept with <paramref name="known"/>, only what the run
    /// touched is looked at (<see cref="StateChanges"/>); otherwise the whole state is split and every part compared.
    /// Returns the parts as they will be stored, with what the next save compares with.
    /// </summary>
    private static StoredStateParts AddStateDelta(SaveStatements statements, WorkflowInstance instance, StoredStateParts known)
    {
        if (StateChanges.Find(instance.RunState, known) is var (touched, kept))
        {
            touched.WriteTo(statements, instance.Id);
            return kept;
        }

        var parts = instance.ExecutionStateUtf8 is { } utf8 ? StateParts.Split(utf8) : StateParts.Split(instance.ExecutionState ?? new());
        var all = StatePartsChanges.All(known.Parts, known.LastOrdinal, parts);
        all.WriteTo(statements, instance.Id);
        // The scopes as saved, for the next run of a kept object to be compared with (the object is the state only while it is the run's).
        return new StoredStateParts(0, all.Parts) { LastOrdinal = all.LastOrdinal, Scopes = instance.RunState is { } run ? StateChanges.Copy(run.Scopes) : null };
    }

    /// <summary>
    /// A deadlock (PostgreSQL 40P01) or serialization failure (40001) between two saves of one instance — seen when two
    /// steps of one joint review are acted on at once on PostgreSQL: both rewrite the instance's bookmarks — is a
    /// conflict like a stale version: nothing was written, and the runtime reloads and retries (bounded).
    /// </summary>
    private static bool IsTransientConflict(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells why a save was refused, by looking at the committed state after the rollback. This works the
    /// same on every provider, without parsing provider error codes.
    /// </summary>
    private async Task<Exception?> ExplainAsync(WorkflowSaveKind kind, string instanceId, long expected, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (idempotency is not null &&
            await db.Idempotency.AnyAsync(r => r.Scope == idempotency.Scope && r.Key == idempotency.Key, cancellationToken))
        {
            return new DuplicateIdempotencyKeyException(idempotency.Scope, idempotency.Key);
        }

        var stored = await db.Instances.Where(i => i.Id == instanceId).Select(i => (long?)i.Version).SingleOrDefaultAsync(cancellationToken);
        return kind switch
        {
            WorkflowSaveKind.Insert when stored is { } actual => new ConcurrencyConflictException(instanceId, 0, actual),
            WorkflowSaveKind.Update when stored is null => new InvalidOperationException($"Workflow instance '{instanceId}' cannot be updated: it is not stored (insert it first)."),
            WorkflowSaveKind.Update when stored != expected => new ConcurrencyConflictException(instanceId, expected, stored.Value),
            _ => null,
        };
    }

    private static void Validate(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal)
    {
        var foreign = journal.FirstOrDefault(j => j.InstanceId != instance.Id);
        if (foreign is not null)
        {
            throw new ArgumentException(
                $"Journal line {foreign.Sequence} belongs to instance '{foreign.InstanceId}', not to the instance being saved ('{instance.Id}').", nameof(journal));
        }

        var ids = new HashSet<string>(instance.Bookmarks.Count, StringComparer.Ordinal);
        foreach (var bookmark in instance.Bookmarks)
        {
            if (!ids.Add(bookmark.Id))
                throw new ArgumentException($"Workflow instance '{instance.Id}' holds bookmark id '{bookmark.Id}' twice; bookmark ids must be unique.", nameof(instance));
        }
    }
}
