namespace Workflow.Testing;

/// <summary>
/// Where browser tests save their screenshots: <c>TestResults/screenshots</c> (git-ignored) on an ordinary run, so
/// that <c>dotnet test</c> leaves the work tree clean; <c>docs/images</c>, the README's pictures, when
/// <c>WORKFLOW_UPDATE_SCREENSHOTS=1</c> asks for them to be renewed.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "WORKFLOW_UPDATE_SCREENSHOTS";

    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
                ? Path.Combine(SharedFolder.RepositoryRoot, "docs", "images")
                : Path.Combine(SharedFolder.RepositoryRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
