namespace Workflow.Host.Web.Demo;

/// <summary>
/// Whether the demo data (demo users, and demo projects seeded into a new database) is present; configuration section
/// <c>Demo</c>. Only when asked for (docs/deployment.md): <c>--demo</c> (or <c>Demo:Enabled=true</c>), or the
/// Development environment unless <c>--no-demo</c>. A Production or Staging host never has <c>admin</c>/<c>demo</c> by default.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>The command-line switch that turns demo data off.</summary>
    public const string NoDemoSwitch = "--no-demo";

    /// <summary>The command-line switch that turns demo data on in any environment.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>
    /// True to have the demo users of docs/api.md and the demo projects. Unset in configuration: true in the
    /// Development environment only (<see cref="ResolveDefault"/>).
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Registers the options: bound from <c>Demo</c>, <see cref="Enabled"/> defaulting to the environment being Development.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(Section))
            .PostConfigure<IHostEnvironment>((o, environment) => o.Enabled = ResolveDefault(configuration, environment) ?? o.Enabled);
    }

    private static bool? ResolveDefault(IConfiguration configuration, IHostEnvironment environment) =>
        string.IsNullOrEmpty(configuration[$"{Section}:{nameof(Enabled)}"]) ? environment.IsDevelopment() : null;

    /// <summary>How many demo projects a new database is seeded with (when <see cref="Enabled"/>).</summary>
    public int Projects { get; set; } = 30;

    /// <summary>
    /// The arguments with <see cref="NoDemoSwitch"/> and <see cref="DemoSwitch"/> rewritten to <c>--Demo:Enabled=false</c>
    /// and <c>=true</c>, which the configuration's command-line provider understands (a bare switch has no value and
    /// would be misread).
    /// </summary>
    public static string[] RewriteArguments(IEnumerable<string> args) =>
        args.Select(a =>
            string.Equals(a, NoDemoSwitch, StringComparison.OrdinalIgnoreCase) ? $"--{Section}:{nameof(Enabled)}=false"
            : string.Equals(a, DemoSwitch, StringComparison.OrdinalIgnoreCase) ? $"--{Section}:{nameof(Enabled)}=true"
            : a).ToArray();
}
