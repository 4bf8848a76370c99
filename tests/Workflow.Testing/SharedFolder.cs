namespace Workflow.Testing;

/// <summary>
/// Finds <c>../shared</c> beside the clone (DEVELOPERS.md): the Elsa conformance files and the Studio
/// captures are read from there, never copied into the repository.
/// </summary>
public static class SharedFolder
{
    /// <summary>The repository root (the folder holding Workflow.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder, or null when it is not beside the clone.</summary>
    public static string? Path
    {
        get
        {
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    /// <summary>The shared folder; fails the test with a clear message when it is missing.</summary>
    public static string Require() =>
        Path ?? throw new InvalidOperationException(
            $"The shared folder was not found beside the clone (looked for {System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"))}).");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Workflow.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Workflow.sln not found above " + AppContext.BaseDirectory);
    }
}
