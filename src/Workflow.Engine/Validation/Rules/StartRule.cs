using Workflow.Engine.Runtime;

namespace Workflow.Engine.Validation.Rules;

/// <summary>
/// Error when a flowchart has no possible start: <c>start</c> names a missing activity, or there is no Elsa.Start, no
/// activity flagged canStartWorkflow and every activity has an inbound connection (a cycle without a start). A root
/// without activities is a warning.
/// </summary>
internal sealed class StartRule : IWorkflowValidationRule
{
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            if (flowchart.Activities.Count == 0)
            {
                if (flowchart == context.Definition.Root)
                    context.Add(ValidationFinding.Warning(flowchart.Id, "activities", "The workflow has no activities; running it finishes at once.", "empty"));
                continue;
            }
            if (flowchart.StartActivityId is { } startId && flowchart.Activities.All(a => a.Id != startId))
            {
                context.Add(ValidationFinding.Error(flowchart.Id, "start", $"\"start\" names activity \"{startId}\", which flowchart {flowchart.Id} does not have. Name an existing activity or remove \"start\".", "no-start"));
                continue;
            }
            var start = FlowchartGraph.SelectStart(flowchart, context.Registry)!;
            var explicitStart = flowchart.StartActivityId is not null || start.Type == "Elsa.Start" || start.CanStartWorkflow
                || context.Registry.Find(start.Type)?.ClrType is { } t && typeof(Activities.IStartActivity).IsAssignableFrom(t);
            var hasInbound = flowchart.Connections.Any(c => c.TargetActivityId == start.Id);
            if (!explicitStart && hasInbound)
                context.Add(ValidationFinding.Error(flowchart.Id, "activities",
                    $"Flowchart {flowchart.Id} has no possible start: every activity has an inbound connection (a cycle without a start) and there is no Elsa.Start. Add an Elsa.Start connected to the first activity.", "no-start"));
        }
    }
}
