namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>Whether a save creates the instance or updates it.</summary>
public enum WorkflowSaveKind
{
    /// <summary>The instance is new (<see cref="Persistence.IWorkflowInstanceStore.InsertAsync"/>).</summary>
    Insert,
    /// <summary>The instance existed and its stored version matched (<see cref="Persistence.IWorkflowInstanceStore.UpdateAsync"/>).</summary>
    Update,
}
