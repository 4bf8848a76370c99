namespace Workflow.Load.City;

/// <summary>Not written yet.</summary>
public static class CityYear
{
    /// <summary>Not written yet.</summary>
    public static Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary) => Task.CompletedTask;
}
