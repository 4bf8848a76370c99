namespace Workflow.Engine.Persistence;

/// <summary>
/// An update carried a stale version: someone else changed the instance first. Never a silent overwrite;
/// the caller retries from a fresh load or answers 409.
/// </summary>
public sealed class ConcurrencyConflictException(string instanceId, long expectedVersion, long actualVersion)
    : Exception($"Workflow instance '{instanceId}' was changed by someone else: expected version {expectedVersion}, found {actualVersion}.")
{
    public string InstanceId { get; } = instanceId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long ActualVersion { get; } = actualVersion;
}
