namespace Workflow.Host.Web.Demo;

/// <summary>
/// Whether the demo data (demo users, and demo projects seeded into a new database) is present; configuration section
/// <c>Demo</c>. The command-line switch <c>--no-demo</c> sets <see cref="Enabled"/> to false.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>The command-line switch that turns demo data off.</summary>
    public const string NoDemoSwitch = "--no-demo";

    /// <summary>True (the default) to have the demo users of docs/api.md.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many demo projects a new database is seeded with (when <see cref="Enabled"/>).</summary>
    public int Projects { get; set; } = 30;

    /// <summary>
    /// The arguments with <see cref="NoDemoSwitch"/> rewritten to <c>--Demo:Enabled=false</c>, which the configuration's
    /// command-line provider understands (a bare switch has no value and would be misread).
    /// </summary>
    public static string[] RewriteArguments(IEnumerable<string> args) =>
        args.Select(a => string.Equals(a, NoDemoSwitch, StringComparison.OrdinalIgnoreCase) ? $"--{Section}:{nameof(Enabled)}=false" : a).ToArray();
}
