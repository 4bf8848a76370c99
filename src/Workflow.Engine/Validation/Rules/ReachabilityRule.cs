namespace Workflow.Engine.Validation.Rules;

/// <summary>Warning for activities that no path from the flowchart's start reaches.</summary>
internal sealed class ReachabilityRule : IWorkflowValidationRule
{
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            var graph = context.Graph(flowchart);
            if (graph.Start is null) continue;
            foreach (var a in flowchart.Activities.Where(a => !graph.Reachable.Contains(a.Id)))
                context.Add(ValidationFinding.Warning(a.Id, null, $"Activity {a.Id} ({a.Type}) is not reachable from the start activity {graph.Start.Id}; it will never run. Connect it or remove it.", "unreachable"));
        }
    }
}
