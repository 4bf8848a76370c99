namespace Workflow.Engine.Persistence;

/// <summary>
/// An update carried a stale version: someone else changed the instance first. Never a silent overwrite;
/// the caller retries from a fresh load or answers 409.
/// </summary>
public sealed class ConcurrencyConflictException(string instanceId, long expectedVersion, long actualVersion)
    : Exception($"Workflow instance '{instanceId}' was changed by someone else: expected version {expectedVersion}, found {actualVersion}.")
{
    /// <summary>The instance whose save was refused.</summary>
    public string InstanceId { get; } = instanceId;
    /// <summary>The version the caller loaded (0 for an insert: no instance with this id was expected).</summary>
    public long ExpectedVersion { get; } = expectedVersion;
    /// <summary>The version stored now.</summary>
    public long ActualVersion { get; } = actualVersion;
}
