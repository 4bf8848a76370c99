using System.Text.Json.Nodes;
using Workflow.Engine.Activities.Core;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.Switch: <c>cases</c> is a list of <c>{label, condition: {type, value}, activity}</c>. Mode
/// <c>MatchFirst</c> (default) runs the first true case's activity, <c>MatchAny</c> every true case's; no true case
/// runs <c>default</c>. It completes when every activity it ran completed, at once when none
/// (Elsa.Workflows.Core/Activities/Switch.cs).
/// </summary>
[Activity("Elsa", "Branching", "Evaluate a set of case conditions and schedule the activity for a matching case.")]
[RawInput("Cases", "Elsa.Workflows.Activities.SwitchCase[]", "switch-editor", "The cases to evaluate.")]
[EmbeddedPort("Default")]
public sealed class Switch : CompositeActivity
{
    private const string RunningProperty = "running";

    /// <summary><c>MatchFirst</c> (default) or <c>MatchAny</c>, compared case-insensitively; anything else is MatchFirst.</summary>
    [Input(Options = ["MatchFirst", "MatchAny"], UIHint = "dropdown", DefaultValue = "MatchFirst", Description = "The switch mode determines whether the first match should be scheduled, or all matches.")]
    public Input<string> Mode { get; set; } = new("MatchFirst");

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = string.Equals(context.Get(Mode), "MatchAny", StringComparison.OrdinalIgnoreCase);
        var activities = context.Node.PortList("cases").ToDictionary(e => e.Index!.Value, e => e.Activity);
        var matched = false;
        var scheduled = new List<ActivityNode>();
        foreach (var (index, condition) in Conditions(context.Node))
        {
            if (!ValueConverter.Convert<bool>(context.Evaluate(condition))) continue;
            matched = true;
            if (activities.TryGetValue(index, out var activity)) scheduled.Add(activity);
            if (!matchAny) break;
        }
        if (!matched && context.Node.Port("default") is { } fallback) scheduled.Add(fallback);
        foreach (var activity in scheduled) context.ScheduleChild(activity);
        context.State[RunningProperty] = new JsonArray([.. scheduled.Select(a => JsonValue.Create(a.NodeId))]);
        if (scheduled.Count == 0) context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        var running = context.State[RunningProperty] as JsonArray ?? [];
        var left = running.Where(n => n?.GetValue<string>() != child.NodeId).Select(n => n?.DeepClone()).ToArray();
        context.State[RunningProperty] = new JsonArray(left);
        if (left.Length == 0) context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Each case's condition with its index in <c>cases</c> (cases without a condition never match).</summary>
    internal static IEnumerable<(int Index, ExpressionInput Condition)> Conditions(ActivityNode node)
    {
        if (node.FindProperty("cases") is not JsonArray cases) yield break;
        for (var i = 0; i < cases.Count; i++)
            if (cases[i] is JsonObject c && FlowSwitch.ParseCondition(c["condition"]) is { } condition)
                yield return (i, condition);
    }
}
