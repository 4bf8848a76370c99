using System.Text.Json.Nodes;

namespace Workflow.Engine.Runtime;

/// <summary>How to start an instance; every member is optional.</summary>
public sealed record StartWorkflowOptions
{
    /// <summary>The workflow input (the <c>input</c> of scripts).</summary>
    public JsonObject? Input { get; init; }
    /// <summary>The new instance's correlation id; none when null.</summary>
    public string? CorrelationId { get; init; }
    /// <summary>The flowchart mode of this run (pinned in the instance for its whole life); the engine default when null.</summary>
    public FlowchartMode? FlowchartMode { get; init; }
    /// <summary>The new instance's id; a new GUID when null.</summary>
    public string? InstanceId { get; init; }
    /// <summary>Starts a test instance (<see cref="WorkflowInstance.IsTest"/>), e.g. the Studio's Run.</summary>
    public bool IsTest { get; init; }
    /// <summary>Where WriteLine also writes during this run (e.g. the CLI's stderr).</summary>
    public TextWriter? Output { get; init; }
}
