namespace Workflow.Host.Web.Demo;

/// <summary>
/// Whether the demo data (demo users now; demo projects once the permit domain lands) is present; configuration section
/// <c>Demo</c>. The command-line switch <c>--no-demo</c> sets <see cref="Enabled"/> to false.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>The command-line switch that turns demo data off.</summary>
    public const string NoDemoSwitch = "--no-demo";

    /// <summary>True (the default) to have the demo users of CONTRACTS.md §8.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The arguments with <see cref="NoDemoSwitch"/> rewritten to <c>--Demo:Enabled=false</c>, which the configuration's
    /// command-line provider understands (a bare switch has no value and would be misread).
    /// </summary>
    public static string[] RewriteArguments(IEnumerable<string> args) =>
        args.Select(a => string.Equals(a, NoDemoSwitch, StringComparison.OrdinalIgnoreCase) ? $"--{Section}:{nameof(Enabled)}=false" : a).ToArray();
}
