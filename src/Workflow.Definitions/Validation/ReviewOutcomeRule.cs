using Workflow.Engine.Activities;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Validation;

/// <summary>
/// Every outcome of a review (intake, department, parallel and joint reviews, joint site inspections) must lead
/// somewhere: to the next activity, or deliberately to an end (an <c>Elsa.End</c> or <c>Elsa.Finish</c> activity). A
/// case whose review ends on an unconnected outcome would stop without a decision. A department review's
/// <c>SupplementRequested</c> only fires when "supplement leaves the step" is set, and an intake's
/// <c>AcceptedWithWaiver</c> only when waivers are allowed, so each is required only then.
/// </summary>
public sealed class ReviewOutcomeRule : IWorkflowValidationRule
{
    /// <summary>The activity types whose outcomes a person decides.</summary>
    public static readonly IReadOnlySet<string> ReviewTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Permits.Intake", "Permits.DepartmentReview", "Permits.ParallelReview", "Permits.JointReview", "Permits.JointSiteInspection",
    };

    /// <inheritdoc />
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            var graph = context.Graph(flowchart);
            foreach (var node in graph.ById.Values.Where(n => ReviewTypes.Contains(n.Type)))
            {
                if (context.Registry.Find(node.Type) is not { } type) continue;
                var connected = graph.Outbound(node.Id).Select(c => c.SourcePort).ToHashSet(StringComparer.Ordinal);
                foreach (var outcome in Outcomes(type).Where(o => !connected.Contains(o)))
                {
                    if (outcome == "SupplementRequested" && !IsSet(node, "supplementLeavesStep")) continue;
                    if (outcome == "AcceptedWithWaiver" && !IsSet(node, "allowWaiver")) continue;
                    context.Add(ValidationFinding.Error(node.Id, "connections",
                        $"outcome \"{outcome}\" is not connected: connect it to the next activity, or to an End activity to end the case there deliberately",
                        "unconnected-outcome",
                        $"结果「{outcome}」未连接：请连到下一环节，或连到“结束”活动以明确在此办结"));
                }
            }
        }
    }

    private static IEnumerable<string> Outcomes(ActivityType type) =>
        type.ClrType.GetCustomAttributes(typeof(FlowOutcomesAttribute), inherit: true).OfType<FlowOutcomesAttribute>().SelectMany(a => a.Outcomes);

    private static bool IsSet(Engine.Model.ActivityNode node, string input) =>
        node.GetInput(input) is { } i && string.Equals(i.ValueText, "true", StringComparison.OrdinalIgnoreCase);
}
