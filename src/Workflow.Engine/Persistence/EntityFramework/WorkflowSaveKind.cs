namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>Whether a save creates the instance or updates it.</summary>
public enum WorkflowSaveKind
{
    Insert,
    Update,
}
