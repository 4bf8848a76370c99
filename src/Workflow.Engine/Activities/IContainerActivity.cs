namespace Workflow.Engine.Activities;

/// <summary>An activity whose body is a nested flowchart that the runtime runs (Elsa.FlowNode).</summary>
public interface IContainerActivity;
