namespace Workflow.Load.Queries;

/// <summary>Not written yet.</summary>
public static class OpenStepQueries
{
    /// <summary>Not written yet.</summary>
    public static Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary) => Task.CompletedTask;
}
