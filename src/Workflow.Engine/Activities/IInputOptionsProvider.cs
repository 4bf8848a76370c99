namespace Workflow.Engine.Activities;

/// <summary>
/// Supplies dropdown options for an input at the time descriptors are built (e.g. the department or matter lists a
/// domain module loads from data). Registered in the service container; named by <see cref="InputAttribute.OptionsProvider"/>
/// or registered for an activity type and input through <see cref="WorkflowEngineOptions.AddOptionsProvider"/>.
/// </summary>
public interface IInputOptionsProvider
{
    /// <summary>The options for <paramref name="inputName"/> of <paramref name="activityTypeName"/>.</summary>
    IReadOnlyList<InputOption> GetOptions(string activityTypeName, string inputName);
}
