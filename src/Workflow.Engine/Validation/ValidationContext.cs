using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Validation;

/// <summary>What a rule sees: the definition, the known activity types, each flowchart's graph; and where it reports.</summary>
public sealed class ValidationContext(WorkflowDefinition definition, ActivityRegistry registry)
{
    private readonly Dictionary<ActivityNode, FlowchartGraph> _graphs = [];

    /// <summary>The definition being validated.</summary>
    public WorkflowDefinition Definition { get; } = definition;
    /// <summary>The activity types known to the engine, e.g. to find an activity's class and outcomes.</summary>
    public ActivityRegistry Registry { get; } = registry;
    /// <summary>The findings so far, in the order the rules added them.</summary>
    internal List<ValidationFinding> Findings { get; } = [];

    /// <summary>Reports a problem.</summary>
    public void Add(ValidationFinding finding) => Findings.Add(finding);

    /// <summary>The root flowchart and every nested one (FlowNode bodies, nested Elsa.Flowchart activities).</summary>
    public IEnumerable<ActivityNode> Flowcharts() =>
        new[] { Definition.Root }.Concat(Definition.AllActivities().Where(a => a.IsFlowchart));

    /// <summary>The graph of <paramref name="flowchart"/>, computed once per validation and shared by the rules.</summary>
    public FlowchartGraph Graph(ActivityNode flowchart)
    {
        if (!_graphs.TryGetValue(flowchart, out var graph))
            _graphs[flowchart] = graph = new FlowchartGraph(flowchart, Registry);
        return graph;
    }
}
