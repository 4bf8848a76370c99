using Xunit;

namespace Workflow.Testing;

/// <summary>
/// The rule for tests that need an outside part (DEVELOPERS.md): they run whenever the part is there;
/// under <c>CI=true</c> they must run (and fail if the part is missing); elsewhere they skip with a
/// message that says how to enable them.
/// </summary>
public static class OutsidePart
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Debian's Chromium, driven by Playwright.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool HasChromium => File.Exists(ChromiumPath);

    /// <summary>Null when the test should run, else the skip reason.</summary>
    public static string? SkipReason(bool available, string howToEnable) =>
        available || IsCi ? null : howToEnable;
}

/// <summary>A fact that needs <c>../shared</c> beside the clone.</summary>
public sealed class SharedFolderFactAttribute : FactAttribute
{
    public SharedFolderFactAttribute() =>
        Skip = OutsidePart.SkipReason(SharedFolder.Path is not null, "Needs ../shared beside the clone (the conformance files and Studio captures).");
}

/// <summary>A theory that needs <c>../shared</c> beside the clone.</summary>
public sealed class SharedFolderTheoryAttribute : TheoryAttribute
{
    public SharedFolderTheoryAttribute() =>
        Skip = OutsidePart.SkipReason(SharedFolder.Path is not null, "Needs ../shared beside the clone (the conformance files and Studio captures).");
}

/// <summary>A fact that drives Debian's Chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() =>
        Skip = OutsidePart.SkipReason(OutsidePart.HasChromium, "Needs Debian's Chromium at /usr/bin/chromium: run `sudo bash scripts/install-test-deps.sh`.");
}

/// <summary>A fact that needs a PostgreSQL server (<see cref="LocalPostgreSql"/>): runs where one can be had, always under CI.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() =>
        Skip = OutsidePart.SkipReason(LocalPostgreSql.MayBeAvailable, "Needs PostgreSQL's binaries (or WORKFLOW_TEST_POSTGRES): run `sudo bash scripts/install-test-deps.sh`.");
}
