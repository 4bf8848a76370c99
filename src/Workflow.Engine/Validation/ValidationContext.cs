using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Validation;

/// <summary>What a rule sees: the definition, the known activity types, each flowchart's graph; and where it reports.</summary>
public sealed class ValidationContext(WorkflowDefinition definition, ActivityRegistry registry)
{
    private readonly Dictionary<ActivityNode, FlowchartGraph> _graphs = [];

    public WorkflowDefinition Definition { get; } = definition;
    public ActivityRegistry Registry { get; } = registry;
    public List<ValidationFinding> Findings { get; } = [];

    public void Add(ValidationFinding finding) => Findings.Add(finding);

    /// <summary>The root flowchart and every nested one (FlowNode bodies, nested Elsa.Flowchart activities).</summary>
    public IEnumerable<ActivityNode> Flowcharts() =>
        new[] { Definition.Root }.Concat(Definition.AllActivities().Where(a => a.IsFlowchart));

    public FlowchartGraph Graph(ActivityNode flowchart)
    {
        if (!_graphs.TryGetValue(flowchart, out var graph))
            _graphs[flowchart] = graph = new FlowchartGraph(flowchart, Registry);
        return graph;
    }
}
