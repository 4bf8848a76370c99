using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Validation.Rules;

/// <summary>
/// Warning for a join that waits for every inbound branch (FlowJoin WaitAll or WaitAllInbound, or an implicit join
/// with mergeMode Merge or Converge) when some decision before it can take an outcome after which one of those
/// branches never arrives: on that path the join never completes.
/// </summary>
internal sealed class JoinRule : IWorkflowValidationRule
{
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            var graph = context.Graph(flowchart);
            foreach (var join in flowchart.Activities.Where(IsStrictJoin))
            {
                var inbound = graph.ForwardInbound(join.Id);
                if (inbound.Count < 2) continue;
                var reported = false;
                foreach (var decisionId in graph.Ancestors(join.Id))
                {
                    if (reported) break;
                    var decision = graph.ById[decisionId];
                    if (decision.Type is not ("Elsa.FlowDecision" or "Elsa.FlowSwitch")) continue;
                    var ports = graph.Outbound(decisionId).Where(graph.IsForward).Select(c => c.SourcePort).Distinct().ToList();
                    if (decision.Type == "Elsa.FlowDecision") ports = ["True", "False"];
                    var descendants = Reach(graph, decisionId, null);
                    foreach (var port in ports)
                    {
                        var viaPort = Reach(graph, decisionId, port);
                        var dead = inbound.FirstOrDefault(c => descendants.Contains(c.SourceActivityId) && !viaPort.Contains(c.SourceActivityId) && c.SourceActivityId != decisionId
                            || c.SourceActivityId == decisionId && c.SourcePort != port);
                        if (dead is null) continue;
                        context.Add(ValidationFinding.Warning(join.Id, join.Type == "Elsa.FlowJoin" ? "mode" : "customProperties.mergeMode",
                            $"The join waits for all of its {inbound.Count} inbound branches, but when {decision.Type} {decisionId} takes \"{port}\" the branch from {dead.SourceActivityId} never arrives, so the join can never complete on that path. Use WaitAny, WaitAllActive or mergeMode Stream, or route both outcomes into the join.",
                            "join-never-completes"));
                        reported = true;
                        break;
                    }
                }
            }
        }
    }

    private static bool IsStrictJoin(ActivityNode a) =>
        a.Type == "Elsa.FlowJoin" ? a.GetInput("mode")?.ValueText is "WaitAll" or "WaitAllInbound" : a.MergeMode is "Merge" or "Converge";

    private static HashSet<string> Reach(FlowchartGraph graph, string from, string? port)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var c in graph.Outbound(from).Where(c => graph.IsForward(c) && (port is null || c.SourcePort == port)))
            if (seen.Add(c.TargetActivityId)) queue.Enqueue(c.TargetActivityId);
        while (queue.Count > 0)
            foreach (var c in graph.Outbound(queue.Dequeue()).Where(graph.IsForward))
                if (seen.Add(c.TargetActivityId)) queue.Enqueue(c.TargetActivityId);
        return seen;
    }
}
