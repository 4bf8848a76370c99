namespace Workflow.Engine.Runtime;

/// <summary>
/// An idempotency key for a resume: the same (scope, key) again returns the first result without applying twice;
/// the same key with another <see cref="RequestHash"/> is refused (<see cref="IdempotencyKeyReusedException"/>).
/// </summary>
public sealed record ResumeWorkflowOptions
{
    /// <summary>Who the key belongs to (e.g. the user); the same key in two scopes is two keys.</summary>
    public string? IdempotencyScope { get; init; }
    /// <summary>The caller's idempotency key; null applies the resume without idempotency.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>A hash of the caller's request; defaults to instance id + bookmark id + input JSON.</summary>
    public string? RequestHash { get; init; }
    /// <summary>Where WriteLine also writes during this run.</summary>
    public TextWriter? Output { get; init; }
    /// <summary>
    /// Checks the instance as loaded for this resume, before anything runs: the caller's domain rules run once, on the
    /// very instance the resume applies to and saves (again on a reload after a concurrent change). Throw to refuse;
    /// nothing is saved then. Not called for a replayed idempotency key.
    /// </summary>
    public Action<WorkflowInstance>? BeforeResume { get; init; }
}
