namespace Workflow.Engine.Activities;

/// <summary>Reported as <c>isContainer</c> in the descriptor (Elsa's Container activities: FlowNode, Sequence).</summary>
public interface IContainerActivity;
