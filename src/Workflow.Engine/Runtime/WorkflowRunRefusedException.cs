namespace Workflow.Engine.Runtime;

/// <summary>
/// Thrown by an activity to refuse the input that started or resumed the run, when going on would leave the instance in
/// a state nobody can act on (e.g. a deadline the working calendar cannot count). Unlike any other failure of an
/// activity, which faults the instance and is saved as an incident, a refusal abandons the whole run: nothing of it is
/// saved, the instance stays as it was before the call, and the exception reaches the caller of the runtime, who can
/// tell the user why and let them act again later (docs/engine-api.md, *Refusing a run*). A timer whose run is refused is
/// tried again after its lease, like any other failed firing.
/// </summary>
public abstract class WorkflowRunRefusedException : Exception
{
    /// <summary>A refusal with <paramref name="message"/>, the reason in the engine's log language.</summary>
    protected WorkflowRunRefusedException(string message) : base(message) { }
}
