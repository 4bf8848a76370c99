using Workflow.Definitions.Messages;

namespace Workflow.Definitions;

/// <summary>
/// An action broke a rule of the permit domain (e.g. accepting while a core material is missing). Carries the
/// problems keyed by the request field at fault, each a <see cref="RuleMessage"/> (a code and its arguments) that the
/// Host renders in the user's language as RFC 7807 problem details with <c>errors</c>; nothing was applied.
/// </summary>
/// <remarks>
/// A refusal of the engine's run (<see cref="Workflow.Engine.Runtime.WorkflowRunRefusedException"/>): raised inside a
/// running activity, it abandons the run unsaved instead of faulting the instance, so an activity can refuse what it
/// cannot apply (e.g. a deadline past the working calendar) with the same answer as the up-front checks.
/// </remarks>
public sealed class PermitRuleViolation(IReadOnlyDictionary<string, RuleMessage[]> errors)
    : Workflow.Engine.Runtime.WorkflowRunRefusedException(string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
{
    /// <summary>
    /// The problems keyed by the request field at fault; the Host renders each in the user's language as the
    /// <c>errors</c> of RFC 7807 problem details.
    /// </summary>
    public IReadOnlyDictionary<string, RuleMessage[]> Errors { get; } = errors;

    /// <summary>
    /// A violation of one rule (<paramref name="code"/>, one of <see cref="RuleCodes"/>, with its arguments) on one
    /// field.
    /// </summary>
    public static PermitRuleViolation For(string field, string code, params object[] arguments) =>
        new(new Dictionary<string, RuleMessage[]> { [field] = [new RuleMessage(code, arguments)] });
}
