using Workflow.Definitions.Messages;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// A queue action that cannot be taken now (the ticket moved on, another window has it, the window is serving someone,
/// the holder has an open ticket already): the Host answers 409 with the reason in the user's language. Nothing was applied.
/// </summary>
public sealed class QueueConflictException(RuleMessage reason) : Exception(reason.ToString())
{
    /// <summary>Why, as a rule code with its arguments.</summary>
    public RuleMessage Reason { get; } = reason;

    /// <summary>A conflict for <paramref name="code"/> (one of <see cref="RuleCodes"/>) with its arguments.</summary>
    public static QueueConflictException For(string code, params object[] arguments) => new(new RuleMessage(code, arguments));
}
