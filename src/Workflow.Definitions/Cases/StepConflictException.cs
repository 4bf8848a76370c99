using Workflow.Definitions.Messages;

namespace Workflow.Definitions.Cases;

/// <summary>The step cannot take an action now (someone acted first, or it waits for something else): HTTP 409.</summary>
public sealed class StepConflictException(string stepId, RuleMessage reason) : Exception($"{stepId}: {reason}")
{
    /// <summary>The step that cannot take the action.</summary>
    public string StepId { get; } = stepId;

    /// <summary>Why, said in no language (the Host renders it).</summary>
    public RuleMessage Reason { get; } = reason;

    /// <summary>
    /// A conflict on <paramref name="stepId"/> for the reason <paramref name="code"/> (one of <see cref="RuleCodes"/>)
    /// with its arguments.
    /// </summary>
    public StepConflictException(string stepId, string code, params object[] arguments) : this(stepId, new RuleMessage(code, arguments)) { }
}
