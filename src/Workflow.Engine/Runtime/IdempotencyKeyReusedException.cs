namespace Workflow.Engine.Runtime;

/// <summary>An idempotency key already answered a different request (HTTP 422).</summary>
public sealed class IdempotencyKeyReusedException(string scope, string key)
    : Exception($"Idempotency key '{key}' (scope '{scope}') was already used for a different request.")
{
    public string Scope { get; } = scope;
    public string Key { get; } = key;
}
