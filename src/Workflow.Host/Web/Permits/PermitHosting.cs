using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Workflows;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Host.Web.Database;
using Workflow.Host.Web.Demo;
using Workflow.Host.Web.Departments;

namespace Workflow.Host.Web.Permits;

/// <summary>
/// Wires the engine, the permit domain and the database into the web app, and prepares the database at start-up:
/// schema migrations, the four stage workflows and their bindings, and (on a new database, unless <c>--no-demo</c>) the demo projects.
/// </summary>
public static class PermitHosting
{
    /// <summary>
    /// The database of <see cref="HostDatabase"/> (<c>Database:Provider</c>, <c>ConnectionStrings:Workflow</c>; default a
    /// SQLite file <c>./data/workflow.db</c>), the permit domain with calendars from <c>Calendars:Folder</c> (default
    /// <c>./calendars</c>); the engine's scheduler sweeps for due timers every <c>Timers:IntervalSeconds</c> (default 30;
    /// 0 turns it off, docs/scheduling.md).
    /// </summary>
    /// <exception cref="OptionsValidationException">A database or script-limit setting is wrong; the message names it.</exception>
    public static IServiceCollection AddPermitHosting(this IServiceCollection services, IConfiguration configuration)
    {
        var database = HostDatabase.FromConfiguration(configuration);
        services.AddSingleton(database);
        database.AddTo(services);
        var sweepSeconds = configuration.GetValue("Timers:IntervalSeconds", 30);
        var scriptLimits = Scripting.ScriptLimitsSettings.FromConfiguration(configuration);
        services.AddPermits(o =>
        {
            o.Scheduler.Interval = TimeSpan.FromSeconds(Math.Max(0, sweepSeconds));
            o.ScriptLimits = scriptLimits; // Scripting:Limits (docs/definition-format.md, "Script limits")
            // Hosts Elsa's send-HTTP activities may call; none unless configured (docs/http-workflows.md).
            o.OutboundHttp.AllowedHosts.AddRange(configuration.GetSection("OutboundHttp:AllowedHosts").Get<string[]>() ?? []);
        }, configuration["Calendars:Folder"]);
        services.AddSingleton<IDepartmentCatalogue, CatalogueDepartments>();
        // Uploaded materials (docs/materials.md): Files:Folder (default ./data/files, beside the database), Files:MaxBytes (default 20 MB).
        services.AddSingleton<Definitions.MaterialFiles.IFileStore>(new Definitions.MaterialFiles.FolderFileStore(configuration["Files:Folder"] is { Length: > 0 } folder ? folder : Path.Combine("data", "files")));
        services.AddSingleton(new Definitions.MaterialFiles.MaterialFileOptions(MaxFileBytes(configuration)));
        return services;
    }

    /// <summary><c>Files:MaxBytes</c>: the largest uploaded material file (default 20 MB); the upload endpoints' body limit follows it.</summary>
    public static long MaxFileBytes(IConfiguration configuration) =>
        configuration.GetValue("Files:MaxBytes", Definitions.MaterialFiles.MaterialFileOptions.DefaultMaxBytes);

    // Arbitrary constant shared by every host that publishes and binds the shipped stage workflows ("WFBIND").
    private const long StartupLock = 0x57_46_42_49_4E_44;

    /// <summary>Migrates the database, publishes missing stage workflows and seeds the demo projects into a new database.</summary>
    public static async Task InitializeAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Workflow.Startup");
        var applied = await services.GetRequiredService<WorkflowDatabase>().MigrateAsync(cancellationToken);
        if (applied.Count > 0) logger.LogInformation("Database schema: applied {Steps}.", string.Join(", ", applied.Select(a => $"{a.Module} v{a.Version}")));
        // Open step rows older than their level instants get them once (docs/supervision.md, "Counting at scale").
        var levels = await services.GetRequiredService<Definitions.Persistence.StepLevelBackfill>().RunAsync(cancellationToken);
        if (levels > 0) logger.LogInformation("Computed the warning and overdue instants of {Count} open steps.", levels);
        // Hosts starting together on one PostgreSQL database take turns (each check-then-insert below raced: two hosts
        // inserting the same binding, the loser crashed at start-up), so the first publishes and binds, the others find it done.
        await using (await services.GetRequiredService<HostDatabase>().LockAsync(StartupLock, cancellationToken))
        {
            var published = await StageWorkflows.EnsurePublishedAsync(services.GetRequiredService<IWorkflowDefinitionStore>(), cancellationToken);
            if (published.Count > 0) logger.LogInformation("Published the stage workflows {Ids}.", string.Join(", ", published));
            var bound = await services.GetRequiredService<WorkflowBindings>().EnsureSeededAsync(cancellationToken);
            if (bound.Count > 0) logger.LogInformation("Bound the stages {Stages} to their shipped workflows.", string.Join(", ", bound));
            await Appointments.AppointmentHosting.EnsureHallsAsync(services, configuration, cancellationToken); // docs/appointments.md
        }

        // A calendar may have been imported (calendar import-ics) while the app was down: recompute and audit open clocks.
        var moved = await services.GetRequiredService<Workflow.Definitions.Clocks.ClockRecompute>().RecomputeOpenClocksAsync(cancellationToken);
        if (moved > 0) logger.LogInformation("A new calendar version moved {Count} due instants of open cases (audited on each case).", moved);

        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Enabled || demo.Projects <= 0) return;
        var seeder = new DemoSeeder(services.GetRequiredService<HostDatabase>(), configuration["Calendars:Folder"], services.GetRequiredService<IClock>(),
            services.GetRequiredService<ILogger<DemoSeeder>>());
        var seeded = await seeder.SeedAsync(demo.Projects, cancellationToken);
        if (seeded > 0) logger.LogInformation("Seeded {Count} demo projects.", seeded);
    }
}
