namespace Workflow.Load.Measure;

/// <summary>The repository this build sits in (the folder holding Workflow.sln).</summary>
public static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Workflow.sln not found above the build: run bench/load from within the repository.");
    }
}
