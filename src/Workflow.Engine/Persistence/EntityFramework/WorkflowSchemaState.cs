namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>What <see cref="WorkflowDatabase.CheckAsync"/> found.</summary>
public enum WorkflowSchemaState
{
    /// <summary>The database answers and every module's schema is at this build's version.</summary>
    Current,
    /// <summary>The database answers but a schema step this build knows has not been applied (or it is newer).</summary>
    Behind,
    /// <summary>The database could not be reached.</summary>
    Unreachable,
}
