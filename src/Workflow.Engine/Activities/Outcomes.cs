namespace Workflow.Engine.Activities;

/// <summary>
/// Outcome names the engine itself gives meaning to. <see cref="Done"/> is Elsa's default port: an activity that
/// completes without naming an outcome completes with it, and a connection without a source port leaves from it.
/// </summary>
public static class Outcomes
{
    /// <summary>Elsa's default outcome and port.</summary>
    public const string Done = "Done";
}
