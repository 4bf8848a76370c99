using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Host.Web.Demo;

namespace Workflow.Host.Web.Appointments;

/// <summary>
/// Appointments in the web app (docs/appointments.md, *Configuration*): the rules from <c>Appointments:Rules</c>, the identity
/// key from <c>Appointments:IdentityKey</c> (base64, 32 bytes or more) or else one made once and kept in the database under
/// ASP.NET Core data protection, and the halls, windows and categories of <c>Appointments:Halls/Windows/Categories</c>
/// (or, with demo data on and none configured, the demo district of <see cref="HallSetup.Sample"/>).
/// </summary>
public static class AppointmentHosting
{
    /// <summary>The setting section.</summary>
    public const string Section = "Appointments";

    /// <summary>Registers the settings before the permit domain (which only adds defaults).</summary>
    public static IServiceCollection AddAppointmentSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var rules = new AppointmentRules();
        configuration.GetSection($"{Section}:Rules").Bind(rules);
        services.TryAddSingleton(rules);
        if (configuration[$"{Section}:IdentityKey"] is { Length: > 0 } key)
            services.TryAddSingleton<IIdentityKeySource>(new FixedIdentityKey(Convert.FromBase64String(key)));
        services.TryAddSingleton<IIdentityKeyProtector, DataProtectedIdentityKey>();
        return services;
    }

    /// <summary>Writes the configured (or demo) halls into the database; call under the start-up lock.</summary>
    public static async Task EnsureHallsAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var setup = new HallSetup();
        configuration.GetSection(Section).Bind(setup);
        if (setup.IsEmpty && services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled) setup = HallSetup.Sample();
        if (!setup.IsEmpty) await services.GetRequiredService<HallDirectory>().EnsureAsync(setup, cancellationToken);
    }

    /// <summary>Keeps the stored identity key under data protection, whose key ring every host of the deployment shares.</summary>
    private sealed class DataProtectedIdentityKey(IDataProtectionProvider provider) : IIdentityKeyProtector
    {
        private readonly IDataProtector _protector = provider.CreateProtector("Workflow.Appointments.IdentityKey");

        public string Protect(byte[] key) => Convert.ToBase64String(_protector.Protect(key));

        public byte[] Unprotect(string stored) => _protector.Unprotect(Convert.FromBase64String(stored));
    }
}
