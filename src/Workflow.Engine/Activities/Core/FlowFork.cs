using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.FlowFork: completes with every branch name in <c>branches</c> at once, so each branch's connections are followed.</summary>
[Activity("Elsa", "Branching", "Splits the flow into named branches that run in parallel.")]
public sealed class FlowFork : Activity
{
    /// <summary>The branch names, each an outbound port; none completes with <c>Done</c>.</summary>
    [Input(UIHint = "multitext", TypeName = "String[]", Description = "The branch names; each is an outbound port.")]
    public Input<string[]> Branches { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Get(Branches) ?? [];
        context.Complete(branches.Length == 0 ? [Outcomes.Done] : branches);
        return ValueTask.CompletedTask;
    }

    /// <summary>The branch names as configured; none for a JavaScript or Variable input, which is not run at design time.</summary>
    public override IReadOnlyList<string> GetOutcomes(ActivityNode node)
    {
        var input = node.GetInput("branches");
        if (input is null) return [Outcomes.Done];
        try
        {
            // Branches are static data in practice (Object/Literal); a script is not run at design time.
            if (input.ExpressionType is "JavaScript" or "Variable") return [];
            var value = ExpressionEvaluator.Evaluate(input, new ExpressionScope(new(), [], new()));
            return ValueConverter.Convert<string[]>(value) ?? [];
        }
        catch (ExpressionException)
        {
            return [];
        }
    }
}
