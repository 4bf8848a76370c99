using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// Where instances, their journal and idempotency records live. Every write is one transaction: the
/// instance row, its bookmarks, the new journal lines and the idempotency record commit together or not at all.
/// </summary>
public interface IWorkflowInstanceStore
{
    /// <summary>The instance with its open bookmarks, as last saved, or null when there is none.</summary>
    Task<WorkflowInstance?> FindAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new instance (its <see cref="WorkflowInstance.Version"/> becomes 1).</summary>
    Task InsertAsync(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the changed instance if the stored version still equals <see cref="WorkflowInstance.Version"/>,
    /// then increments it; otherwise throws <see cref="ConcurrencyConflictException"/> and changes nothing.
    /// A duplicate idempotency key in the same scope also changes nothing and throws <see cref="DuplicateIdempotencyKeyException"/>.
    /// </summary>
    Task UpdateAsync(WorkflowInstance instance, IReadOnlyList<JournalEntry> journal, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default);

    /// <summary>The record of an action already applied under <paramref name="key"/> in <paramref name="scope"/>, or null.</summary>
    Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>The journal of one instance in sequence order.</summary>
    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Open bookmarks matching the filter (null = any), e.g. all due timers.</summary>
    Task<IReadOnlyList<(string InstanceId, Bookmark Bookmark)>> FindBookmarksAsync(BookmarkFilter filter, CancellationToken cancellationToken = default);
}

/// <summary>Which open bookmarks to find; null members match anything.</summary>
public sealed record BookmarkFilter(string? InstanceId = null, string? ActivityType = null, string? Kind = null, NodaTime.Instant? DueBy = null);

/// <summary>The idempotency key was applied already (by a concurrent request that won).</summary>
public sealed class DuplicateIdempotencyKeyException(string scope, string key)
    : Exception($"Idempotency key '{key}' was already used in scope '{scope}'.")
{
    /// <summary>The scope the key was used in.</summary>
    public string Scope { get; } = scope;
    /// <summary>The idempotency key used twice.</summary>
    public string Key { get; } = key;
}
