namespace Workflow.Definitions.Cases;

/// <summary>The step cannot take an action now (someone acted first, or it waits for something else): HTTP 409.</summary>
public sealed class StepConflictException(string stepId, string message) : Exception(message)
{
    /// <summary>The step that cannot take the action.</summary>
    public string StepId { get; } = stepId;
}
