using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// Instances in memory (the CLI's <c>run</c>, tests): the same rules as the durable stores—row-version check on update,
/// idempotency keys unique per scope, each write all or nothing—with copies in and out, so callers never share state
/// with the store. Due timers are claimed with leases as on the durable stores (one process holds the memory, so the lease
/// only keeps two schedulers of that process apart).
/// </summary>
public sealed class InMemoryWorkflowInstanceStore : IWorkflowInstanceStore, IDueBookmarkClaimer, IWorkflowInstanceQuery
{
    private readonly object _lock = new();
    private readonly Dictionary<string, NodaTime.Instant> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JournalEntry>> _journals = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), IdempotencyRecord> _idempotency = new();

    /// <inheritdoc />
    public Task<WorkflowInstance?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_instances.TryGetValue(instanceId, out var i) ? Clone(i) : null);
    }

    /// <inheritdoc />
    public Task InsertAsync(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_instances.ContainsKey(instance.Id))
                throw new InvalidOperationException($"Workflow instance '{instance.Id}' exists already.");
            CheckIdempotency(idempotency);
            instance.Version = 1;
            _instances[instance.Id] = Clone(instance);
            _journals[instance.Id] = [.. journal];
            Remember(idempotency);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpdateAsync(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_instances.TryGetValue(instance.Id, out var stored))
                throw new InvalidOperationException($"Workflow instance '{instance.Id}' does not exist.");
            if (stored.Version != instance.Version)
                throw new ConcurrencyConflictException(instance.Id, instance.Version, stored.Version);
            CheckIdempotency(idempotency);
            instance.Version++;
            _instances[instance.Id] = Clone(instance);
            _journals[instance.Id].AddRange(journal);
            Remember(idempotency);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_idempotency.GetValueOrDefault((scope, key)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<JournalEntry>>(_journals.TryGetValue(instanceId, out var j) ? [.. j] : []);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(string InstanceId, Bookmark Bookmark)>> FindBookmarksAsync(BookmarkFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var found = _instances.Values
                .Where(i => filter.InstanceId is null || i.Id == filter.InstanceId)
                .SelectMany(i => i.Bookmarks.Select(b => (i.Id, b)))
                .Where(x => (filter.ActivityType is null || x.b.ActivityType == filter.ActivityType)
                            && (filter.Kind is null || x.b.Kind == filter.Kind)
                            && (filter.DueBy is null || (x.b.ResumeAt is { } at && at <= filter.DueBy)))
                .Select(x => (x.Id, BookmarkJson.Clone(x.b)))
                .ToList();
            return Task.FromResult<IReadOnlyList<(string, Bookmark)>>(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(string InstanceId, Bookmark Bookmark)>> ClaimDueAsync(string owner, NodaTime.Instant now, NodaTime.Duration lease, int max, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(owner)) throw new ArgumentException("A claim needs the name of the worker that owns it.", nameof(owner));
        if (lease <= NodaTime.Duration.Zero) throw new ArgumentException($"A lease must be positive; got {lease}.", nameof(lease));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_lock)
        {
            foreach (var ended in _leases.Where(l => l.Value <= now).Select(l => l.Key).ToList()) _leases.Remove(ended);
            var due = _instances.Values
                .SelectMany(i => i.Bookmarks.Select((b, ordinal) => (i.Id, b, ordinal)))
                .Where(x => x.b.ResumeAt is { } at && at <= now && (!_leases.TryGetValue(x.b.Id, out var until) || until <= now))
                .OrderBy(x => x.b.ResumeAt).ThenBy(x => x.Id, StringComparer.Ordinal).ThenBy(x => x.ordinal)
                .Take(max)
                .ToList();
            foreach (var (_, b, _) in due) _leases[b.Id] = now + lease;
            return Task.FromResult<IReadOnlyList<(string, Bookmark)>>([.. due.Select(x => (x.Id, BookmarkJson.Clone(x.b)))]);
        }
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<WorkflowInstanceSummary> Items, int TotalCount)> ListAsync(WorkflowInstanceFilter filter, WorkflowInstanceOrder order, bool descending,
        int skip, int take, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var matching = _instances.Values.Select(WorkflowInstanceSummary.Of).Where(filter.Matches).ToList();
            var ordered = order switch
            {
                WorkflowInstanceOrder.Updated => descending ? matching.OrderByDescending(i => i.UpdatedAt) : matching.OrderBy(i => i.UpdatedAt),
                WorkflowInstanceOrder.Finished => descending ? matching.OrderByDescending(i => i.FinishedAt) : matching.OrderBy(i => i.FinishedAt),
                WorkflowInstanceOrder.Name => descending ? matching.OrderByDescending(i => i.Name, StringComparer.Ordinal) : matching.OrderBy(i => i.Name, StringComparer.Ordinal),
                _ => descending ? matching.OrderByDescending(i => i.CreatedAt) : matching.OrderBy(i => i.CreatedAt),
            };
            return Task.FromResult<(IReadOnlyList<WorkflowInstanceSummary>, int)>(([.. ordered.ThenBy(i => i.Id, StringComparer.Ordinal).Skip(skip).Take(take)], matching.Count));
        }
    }

    /// <inheritdoc />
    public Task<int> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_instances.Values.Select(WorkflowInstanceSummary.Of).Count(filter.Matches));
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _journals.Remove(instanceId);
            return Task.FromResult(_instances.Remove(instanceId));
        }
    }

    private void CheckIdempotency(IdempotencyRecord? record)
    {
        if (record is not null && _idempotency.ContainsKey((record.Scope, record.Key)))
            throw new DuplicateIdempotencyKeyException(record.Scope, record.Key);
    }

    private void Remember(IdempotencyRecord? record)
    {
        if (record is not null) _idempotency[(record.Scope, record.Key)] = record;
    }

    /// <summary>A deep copy of an instance (JSON members and bookmark payloads included).</summary>
    public static WorkflowInstance Clone(WorkflowInstance i) => new()
    {
        Id = i.Id,
        DefinitionId = i.DefinitionId,
        DefinitionVersion = i.DefinitionVersion,
        DefinitionVersionId = i.DefinitionVersionId,
        CorrelationId = i.CorrelationId,
        Name = i.Name,
        IsTest = i.IsTest,
        Status = i.Status,
        SubStatus = i.SubStatus,
        Input = (JsonObject)i.Input.DeepClone(),
        Variables = (JsonObject)i.Variables.DeepClone(),
        Output = (JsonObject)i.Output.DeepClone(),
        Bookmarks = i.Bookmarks.Select(BookmarkJson.Clone).ToList(),
        ExecutionState = (JsonObject)i.ExecutionState.DeepClone(),
        Fault = i.Fault,
        CreatedAt = i.CreatedAt,
        UpdatedAt = i.UpdatedAt,
        FinishedAt = i.FinishedAt,
        Version = i.Version,
    };
}
