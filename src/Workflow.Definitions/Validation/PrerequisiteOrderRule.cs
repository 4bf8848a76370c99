using Workflow.Definitions.Catalogue;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Validation;

/// <summary>
/// 互为前置: a matter may only be reviewed once its prerequisites (前置事项) are decided. A flow that reviews matter A and
/// only afterwards (on a path leaving A's review) reviews a prerequisite B of A makes the two wait on each other: A
/// needs B decided first, the flow needs A decided first. Reported as an error on A's review. Prerequisites are
/// followed transitively (A needs B needs C: C after A is a cycle too). Reviews of both in one activity are fine:
/// an application may ask for a matter together with its prerequisite.
/// </summary>
public sealed class PrerequisiteOrderRule(MatterCatalogue catalogue) : IWorkflowValidationRule
{
    /// <inheritdoc />
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            var graph = context.Graph(flowchart);
            foreach (var review in graph.ById.Values)
            {
                var reviewed = ReviewChainRule.MattersReviewedBy(review).ToHashSet(StringComparer.Ordinal);
                if (reviewed.Count == 0) continue;
                var after = Downstream(graph, review.Id);
                foreach (var matter in reviewed)
                foreach (var prerequisite in Prerequisites(matter).Where(p => !reviewed.Contains(p)))
                {
                    var later = after.Select(id => graph.ById[id]).FirstOrDefault(n => ReviewChainRule.MattersReviewedBy(n).Contains(prerequisite));
                    if (later is null) continue;
                    context.Add(ValidationFinding.Error(review.Id, "matter",
                        $"prerequisite cycle: matter {matter} needs {prerequisite} decided first, but {prerequisite} is reviewed after it (activity {Label(later)})",
                        "prerequisite-cycle",
                        $"前置事项循环（互为前置）：事项 {matter} 须先办结前置事项 {prerequisite}，而 {prerequisite} 却在其后审查（活动「{Label(later)}」）"));
                }
            }
        }
    }

    private static string Label(ActivityNode node) => $"{FindingText.DisplayName(node)} ({node.Id})";

    /// <summary>Every matter <paramref name="code"/> needs, directly or through other prerequisites.</summary>
    private IEnumerable<string> Prerequisites(string code)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([code]);
        while (queue.TryDequeue(out var next))
            foreach (var p in catalogue.FindMatter(next)?.Prerequisites ?? [])
                if (seen.Add(p))
                    queue.Enqueue(p);
        seen.Remove(code);
        return seen;
    }

    /// <summary>The activities reachable from <paramref name="id"/> along forward connections, in breadth-first order.</summary>
    private static List<string> Downstream(FlowchartGraph graph, string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var order = new List<string>();
        var queue = new Queue<string>([id]);
        while (queue.TryDequeue(out var current))
            foreach (var c in graph.Outbound(current).Where(graph.IsForward))
                if (seen.Add(c.TargetActivityId))
                {
                    order.Add(c.TargetActivityId);
                    queue.Enqueue(c.TargetActivityId);
                }
        return order;
    }
}
