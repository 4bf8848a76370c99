namespace Workflow.Engine.Runtime;

/// <summary>An idempotency key already answered a different request (HTTP 422).</summary>
public sealed class IdempotencyKeyReusedException(string scope, string key)
    : Exception($"Idempotency key '{key}' (scope '{scope}') was already used for a different request.")
{
    /// <summary>The scope the key was used in.</summary>
    public string Scope { get; } = scope;
    /// <summary>The idempotency key sent with a different request.</summary>
    public string Key { get; } = key;
}
