using System.Runtime.CompilerServices;
using Workflow.Engine.Activities.ControlFlow;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// What every run of a parsed definition looks up and what depends on the definition alone: its activities by node id
/// and the variables scripts see (the workflow's and the loop variables). Built once per definition object and shared by
/// all runs, like <see cref="FlowchartGraph"/>: every run used to walk the whole tree for both, a cost that grew with the
/// width of a fork (issue #16, constant cost per step). A parsed definition is not changed after it is read.
/// </summary>
internal sealed class DefinitionIndex
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, DefinitionIndex> Shared = [];

    private DefinitionIndex(WorkflowDefinition definition)
    {
        var nodes = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var a in definition.Root.Descendants()) nodes.TryAdd(a.NodeId, a);
        Nodes = nodes;
        Variables = LoopActivity.WithLoopVariables(definition);
    }

    /// <summary>Every activity of the definition by node id (the first one when a node id repeats).</summary>
    public IReadOnlyDictionary<string, ActivityNode> Nodes { get; }

    /// <summary>The workflow's variables and, when it has a loop, the loop variables (<see cref="LoopActivity.WithLoopVariables"/>).</summary>
    public IReadOnlyList<VariableDefinition> Variables { get; }

    /// <summary>The index of <paramref name="definition"/>, built on first use.</summary>
    public static DefinitionIndex For(WorkflowDefinition definition) => Shared.GetValue(definition, d => new DefinitionIndex(d));
}
