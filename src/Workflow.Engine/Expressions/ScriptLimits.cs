namespace Workflow.Engine.Expressions;

/// <summary>
/// The bounds every JavaScript evaluation runs under (set through <see cref="WorkflowEngineOptions.ScriptLimits"/>;
/// documented in docs/definition-format.md, "Script limits"). A script over any of them throws
/// <see cref="ScriptLimitExceededException"/>, which faults only the instance that ran it; the message names the
/// limit. Elsa's own defaults (<c>JintOptions</c>) are 30 s and nothing else; ours are tighter because designers'
/// scripts run inside the server's request threads.
/// </summary>
public sealed record ScriptLimits
{
    /// <summary>The defaults: 2 s, regular expressions 1 s, 64 MB, 256 nested calls, no statement count.</summary>
    public static ScriptLimits Default { get; } = new();

    /// <summary>Wall-clock time one evaluation may run (Jint's <c>TimeoutInterval</c>).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one regular-expression match may run (Jint's <c>Constraints.RegexTimeout</c>). A match cannot be
    /// interrupted by <see cref="TimeLimit"/>, so the engine uses the smaller of the two: an evaluation ends at most
    /// one regex timeout after its time limit.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes one evaluation may allocate (Jint's <c>LimitMemory</c>); checked as the script runs.</summary>
    public long MemoryLimitBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How deeply script functions may call each other (Jint's <c>LimitRecursion</c>).</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    /// <summary>How many statements one evaluation may execute; null for no count (the time limit still holds).</summary>
    public int? MaxStatements { get; init; }

    /// <summary>The regex timeout the engine applies: <see cref="RegexTimeout"/>, at most <see cref="TimeLimit"/>.</summary>
    public TimeSpan EffectiveRegexTimeout => RegexTimeout < TimeLimit ? RegexTimeout : TimeLimit;
}
