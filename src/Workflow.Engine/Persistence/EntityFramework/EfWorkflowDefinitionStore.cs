using Microsoft.EntityFrameworkCore;
using NodaTime;

using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// <see cref="IWorkflowDefinitionStore"/> on EF Core, with the versioning rules of docs/persistence.md:
/// <list type="bullet">
/// <item>the first save creates version 1 as the latest draft (published at once when asked);</item>
/// <item>saving while the latest version is a draft updates that draft in place (same id, same number);</item>
/// <item>saving while the latest version is published creates version v+1 as the latest draft (or published, when asked);</item>
/// <item>publishing publishes the latest version and unpublishes the one published before;</item>
/// <item>retracting unpublishes the published version; deleting removes every version.</item>
/// </list>
/// Instances pin a version id, so none of this touches running instances. Each operation is one transaction;
/// a concurrent writer on the same definition (another process) makes the operation retry from a fresh read.
/// Publishing, retracting and deleting tell every <see cref="IDefinitionChangeParticipant"/> inside that transaction.
/// </summary>
public sealed class EfWorkflowDefinitionStore(
    IDbContextFactory<WorkflowDbContext> contexts,
    IClock clock,
    ParsedDefinitionCache? parsed = null,
    IEnumerable<IDefinitionChangeParticipant>? participants = null,
    WorkflowPersistenceOptions? options = null) : IWorkflowDefinitionStore, IDisposable
{
    private readonly IDefinitionChangeParticipant[] _participants = participants?.ToArray() ?? [];

    // SQLite: a start's stamp read runs on a kept connection with its statement prepared, as the instance store's loads do.
    private readonly SqliteReaders? _readers = options?.Provider == WorkflowDatabaseProvider.Sqlite ? new SqliteReaders(contexts) : null;

    /// <summary>Closes the connections kept for stamp reads (SQLite).</summary>
    public void Dispose() => _readers?.Dispose();

    private const int Attempts = 5;

    /// <inheritdoc />
    /// <remarks>
    /// <see cref="VersionSelector.LatestOrPublished"/> and <see cref="VersionSelector.AllVersions"/> return the highest
    /// matching version; <see cref="VersionSelector.Specific"/> needs <paramref name="version"/>.
    /// </remarks>
    /// <exception cref="ArgumentException"><see cref="VersionSelector.Specific"/> without a version.</exception>
    public async Task<StoredDefinition?> FindAsync(string definitionId, VersionSelector selector, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ThrowIfNoVersion(definitionId, selector, version);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Selected(db, definitionId, selector, version).FirstOrDefaultAsync(cancellationToken);
        return row?.ToStored();
    }

    private static void ThrowIfNoVersion(string definitionId, VersionSelector selector, int? version)
    {
        if (selector == VersionSelector.Specific && version is null)
        {
            throw new ArgumentException($"Finding a specific version of definition '{definitionId}' needs the version number.", nameof(version));
        }
    }

    /// <summary>The versions of <paramref name="definitionId"/> that <paramref name="selector"/> picks, highest first.</summary>
    private static IQueryable<DefinitionRow> Selected(WorkflowDbContext db, string definitionId, VersionSelector selector, int? version)
    {
        var query = db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        query = selector switch
        {
            VersionSelector.Latest => query.Where(d => d.IsLatest),
            VersionSelector.Published => query.Where(d => d.IsPublished),
            VersionSelector.LatestOrPublished => query.Where(d => d.IsLatest || d.IsPublished),
            VersionSelector.AllVersions => query,
            VersionSelector.Specific => query.Where(d => d.Version == version),
            _ => throw new ArgumentOutOfRangeException(nameof(selector), selector, "Unknown version selector."),
        };
        return query.OrderByDescending(d => d.Version);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A start's first read, on every start (docs/benchmarks.md, "2026-12-03 (4)"): on SQLite one statement kept prepared
    /// per selector on a kept connection; on PostgreSQL the same query as <see cref="FindAsync"/>, projected.
    /// </remarks>
    public async Task<DefinitionVersionStamp?> FindStampAsync(string definitionId, VersionSelector selector, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ThrowIfNoVersion(definitionId, selector, version);
        // A specific version is what the Studio asks for, not a start: it keeps EF's query.
        if (_readers is null || selector == VersionSelector.Specific)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await Selected(db, definitionId, selector, version)
                .Select(d => new DefinitionVersionStamp(d.Id, d.DefinitionId, d.Version, d.IsPublished, d.RowVersion)).FirstOrDefaultAsync(cancellationToken);
        }

        var sql = selector switch
        {
            VersionSelector.Latest => LatestStamp,
            VersionSelector.Published => PublishedStamp,
            VersionSelector.LatestOrPublished => LatestOrPublishedStamp,
            VersionSelector.AllVersions => AnyStamp,
            _ => throw new ArgumentOutOfRangeException(nameof(selector), selector, "Unknown version selector."),
        };
        return await _readers.RunAsync(db => SqlitePreparedStatements.ReadAsync(db, sql, [definitionId], async (reader, ct) =>
            await reader.ReadAsync(ct)
                ? new DefinitionVersionStamp(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3), reader.GetInt64(4))
                : null, cancellationToken), cancellationToken);
    }

    private static readonly string LatestStamp = StampQuery("is_latest <> 0");
    private static readonly string PublishedStamp = StampQuery("is_published <> 0");
    private static readonly string LatestOrPublishedStamp = StampQuery("(is_latest <> 0 OR is_published <> 0)");
    private static readonly string AnyStamp = StampQuery("1 = 1");

    // @p0 the definition id (SqlitePreparedStatements names a kept statement's parameters by position).
    private static string StampQuery(string where) =>
        $"SELECT id, definition_id, version, is_published, row_version FROM wf_definitions WHERE definition_id = @p0 AND {where} ORDER BY version DESC LIMIT 1";

    /// <inheritdoc />
    public async Task<StoredDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row?.ToStored();
    }

    /// <inheritdoc />
    public async Task<long?> FindPublishedStampAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.Where(d => d.Id == id && d.IsPublished).Select(d => (long?)d.RowVersion).SingleOrDefaultAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Ordered by version, oldest first; empty when the definition does not exist.</remarks>
    public async Task<IReadOnlyList<StoredDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToStored())];
    }

    /// <inheritdoc />
    /// <remarks>
    /// The search term matches name or definition id, case-insensitively, anywhere in the text; null or blank
    /// matches everything. Ordered by name, then definition id. <see cref="ValueTuple{T1,T2}.Item2"/> counts all matches.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> is negative or <paramref name="take"/> is below 1.</exception>
    public async Task<(IReadOnlyList<StoredDefinition> Items, int TotalCount)> ListLatestAsync(string? searchTerm, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Definitions.AsNoTracking().Where(d => d.IsLatest);
        if (!string.IsNullOrWhiteSpace(searchTerm))
        {
            var term = searchTerm.Trim().ToLowerInvariant();
            query = query.Where(d => d.Name.ToLower().Contains(term) || d.DefinitionId.ToLower().Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(d => d.Name).ThenBy(d => d.DefinitionId).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return ([.. rows.Select(r => r.ToStored())], total);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The definition id or the JSON is empty.</exception>
    public Task<StoredDefinition> SaveAsync(string definitionId, string name, string? description, string json, bool publish, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            throw new ArgumentException("A definition needs a definition id.", nameof(definitionId));
        }

        parsed?.Forget(definitionId);

        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ArgumentException($"Definition '{definitionId}' has no JSON to save.", nameof(json));
        }

        return WriteSavedAsync(definitionId, cancellationToken, (db, versions) =>
        {
            var publishedBefore = PublishedRef(versions);
            var latest = versions.SingleOrDefault(v => v.IsLatest);
            DefinitionRow target;
            if (latest is null || latest.IsPublished)
            {
                if (latest is not null)
                {
                    latest.IsLatest = false;
                    latest.RowVersion++;
                }

                target = new DefinitionRow
                {
                    Id = Guid.NewGuid().ToString("N"),
                    DefinitionId = definitionId,
                    Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
                    Name = name,
                    Description = description,
                    IsLatest = true,
                    IsPublished = false,
                    Json = json,
                    CreatedAt = clock.GetCurrentInstant(),
                    RowVersion = 1,
                };
                db.Definitions.Add(target);
            }
            else
            {
                target = latest;
                target.Name = name;
                target.Description = description;
                target.Json = json;
                target.RowVersion++;
            }

            if (publish)
            {
                Publish(versions, target);
            }

            return new Written(target, PublishChange(definitionId, publishedBefore, target));
        });
    }

    /// <inheritdoc />
    public async Task<StoredDefinition?> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        return await WriteAsync(definitionId, cancellationToken, (_, versions) =>
        {
            var publishedBefore = PublishedRef(versions);
            var latest = versions.SingleOrDefault(v => v.IsLatest);
            if (latest is not null && !latest.IsPublished)
            {
                Publish(versions, latest);
            }

            return new Written(latest, PublishChange(definitionId, publishedBefore, latest));
        });
    }

    /// <inheritdoc />
    public async Task<StoredDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        parsed?.Forget(definitionId);
        return await WriteAsync(definitionId, cancellationToken, (_, versions) =>
        {
            var published = versions.SingleOrDefault(v => v.IsPublished);
            if (published is null)
            {
                return new Written(null, null);
            }

            published.IsPublished = false;
            published.RowVersion++;
            return new Written(published, new DefinitionChange(DefinitionChangeKind.Retracted, definitionId, Ref(published), null));
        });
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        parsed?.Forget(definitionId);
        var deleted = false;
        await WriteAsync(definitionId, cancellationToken, (db, versions) =>
        {
            deleted = versions.Count > 0;
            if (!deleted)
            {
                return new Written(null, null);
            }

            var publishedBefore = PublishedRef(versions);
            db.Definitions.RemoveRange(versions);
            return new Written(null, new DefinitionChange(DefinitionChangeKind.Deleted, definitionId, publishedBefore, null));
        });
        return deleted;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        parsed?.ForgetVersion(versionId);
        string? definitionId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            definitionId = await db.Definitions.Where(d => d.Id == versionId).Select(d => d.DefinitionId).SingleOrDefaultAsync(cancellationToken);
        if (definitionId is null)
        {
            return false;
        }

        var deleted = false;
        await WriteAsync(definitionId, cancellationToken, (db, versions) =>
        {
            var doomed = versions.SingleOrDefault(v => v.Id == versionId);
            deleted = doomed is not null;
            if (doomed is null)
            {
                return new Written(null, null);
            }

            db.Definitions.Remove(doomed);
            if (doomed.IsLatest && versions.Where(v => !ReferenceEquals(v, doomed)).MaxBy(v => v.Version) is { } next)
            {
                next.IsLatest = true;
                next.RowVersion++;
            }

            return new Written(null, new DefinitionChange(DefinitionChangeKind.VersionDeleted, definitionId, Ref(doomed), null));
        });
        return deleted;
    }

    private static void Publish(List<DefinitionRow> versions, DefinitionRow target)
    {
        foreach (var other in versions.Where(v => v.IsPublished && !ReferenceEquals(v, target)))
        {
            other.IsPublished = false;
            other.RowVersion++;
        }

        target.IsPublished = true;
        if (versions.Contains(target))
        {
            target.RowVersion++;
        }
    }

    private static DefinitionVersionRef Ref(DefinitionRow row) => new(row.Id, row.Version);

    private static DefinitionVersionRef? PublishedRef(List<DefinitionRow> versions) =>
        versions.SingleOrDefault(v => v.IsPublished) is { } published ? Ref(published) : null;

    /// <summary>A publish when <paramref name="target"/> ends published and was not the published version before.</summary>
    private static DefinitionChange? PublishChange(string definitionId, DefinitionVersionRef? before, DefinitionRow? target) =>
        target is { IsPublished: true } && target.Id != before?.Id
            ? new DefinitionChange(DefinitionChangeKind.Published, definitionId, before, Ref(target))
            : null;

    private async Task<StoredDefinition> WriteSavedAsync(string definitionId, CancellationToken cancellationToken, Func<WorkflowDbContext, List<DefinitionRow>, Written> change) =>
        (await WriteAsync(definitionId, cancellationToken, change))!;

    /// <summary>What one write step produced: the row to answer with, and the change to tell participants about (null: none).</summary>
    private readonly record struct Written(DefinitionRow? Row, DefinitionChange? Change);

    /// <summary>
    /// Loads every version of one definition (tracked), lets <paramref name="change"/> edit them, and commits.
    /// A concurrent writer shows as a row-version or unique-index conflict; the whole step is then redone on
    /// fresh rows, because each of these operations is defined relative to the current state. The participants write in
    /// the same transaction, so a change and its audit entry commit or roll back together.
    /// </summary>
    private async Task<StoredDefinition?> WriteAsync(string definitionId, CancellationToken cancellationToken, Func<WorkflowDbContext, List<DefinitionRow>, Written> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Provider == WorkflowDatabaseProvider.PostgreSql)
            {
                // Serializes writers of one definition (SQLite's BEGIN IMMEDIATE already serializes all writers).
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({definitionId}))", cancellationToken);
            }

            var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken);
            var written = change(db, versions);
            try
            {
                if (written.Change is { } changed)
                {
                    foreach (var participant in _participants)
                    {
                        await participant.OnChangingAsync(changed, db, cancellationToken);
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return written.Row?.ToStored();
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                await tx.RollbackAsync(CancellationToken.None);
            }
        }
    }
}
