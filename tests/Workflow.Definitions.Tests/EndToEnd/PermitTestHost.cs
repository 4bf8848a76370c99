using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Workflows;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Scheduling;
using Workflow.Testing;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Steps;
using Workflow.Definitions.Materials;
using Workflow.Definitions.Clocks;

namespace Workflow.Definitions.Tests.EndToEnd;

/// <summary>
/// The permit domain on a real SQLite file in a temp folder, on the cn-mainland calendar, with a fake clock.
/// Each test gets its own database.
/// </summary>
public sealed class PermitTestHost : IAsyncDisposable
{
    private readonly string _folder;

    private PermitTestHost(string folder, ServiceProvider services, FakeClock clock, CommandCounter commands)
    {
        Commands = commands;
        _folder = folder;
        Services = services;
        Clock = clock;
        Projects = services.GetRequiredService<ProjectRegistry>();
        Applications = services.GetRequiredService<ApplicationDesk>();
        Steps = services.GetRequiredService<StepDesk>();
        Materials = services.GetRequiredService<MaterialSupply>();
        Clocks = services.GetRequiredService<ClockRecompute>();
        Cases = services.GetRequiredService<CaseFiles>();
        Catalogue = services.GetRequiredService<MatterCatalogue>();
    }

    public ServiceProvider Services { get; }
    /// <summary>Counts the database commands the host sends (round trips).</summary>
    public CommandCounter Commands { get; }
    public FakeClock Clock { get; }
    public ProjectRegistry Projects { get; }
    public ApplicationDesk Applications { get; }
    public StepDesk Steps { get; }
    public MaterialSupply Materials { get; }
    public ClockRecompute Clocks { get; }
    public CaseFiles Cases { get; }
    public MatterCatalogue Catalogue { get; }

    /// <summary>The databases the end-to-end tests run on (theory data): SQLite, and PostgreSQL where a server can be had (always under CI).</summary>
    public static IEnumerable<object[]> Providers() => LocalPostgreSql.Providers();

    /// <summary>A host on SQLite whose clock reads <paramref name="now"/> (ISO 8601 with offset).</summary>
    public static Task<PermitTestHost> StartAsync(string now = "2025-03-03T09:30:00+08:00") => StartAsync("sqlite", now);

    /// <summary>
    /// A host on <paramref name="provider"/> (<c>sqlite</c> or <c>postgresql</c>, a database of its own) whose clock reads <paramref name="now"/>,
    /// on <paramref name="catalogue"/> (the shipped sample when null).
    /// </summary>
    public static async Task<PermitTestHost> StartAsync(string provider, string now, MatterCatalogue? catalogue = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-permits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = FakeClock.At(now);
        var commands = new CommandCounter();
        var collection = new ServiceCollection().AddSingleton<IClock>(clock).AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(commands)
            .AddSingleton<MaterialFiles.IFileStore>(new MaterialFiles.FolderFileStore(Path.Combine(folder, "files")));
        if (catalogue is not null) collection.AddSingleton(catalogue); // AddPermits only adds the sample when none is there
        if (provider == "postgresql") collection.AddWorkflowPostgreSql(LocalPostgreSql.CreateDatabase("wf_permits_"));
        else collection.AddWorkflowSqlite($"Data Source={Path.Combine(folder, "permits.db")}");
        var services = collection
            .AddPermits(calendarsFolder: Path.Combine(folder, "calendars"))
            .BuildServiceProvider();
        await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await StageWorkflows.EnsurePublishedAsync(services.GetRequiredService<IWorkflowDefinitionStore>());
        return new PermitTestHost(folder, services, clock, commands);
    }

    public static Instant At(string iso) => OffsetDateTimePattern.ExtendedIso.Parse(iso).GetValueOrThrow().ToInstant();

    public void SetClock(string iso) => Clock.Set(At(iso));

    /// <summary>One sweep of the engine's scheduler (the background service is not running in these tests); how many bookmarks it resumed (the supervision's cards fire in the same sweep but are not counted, docs/supervision.md).</summary>
    public Task<int> FireDueTimersAsync() => Services.GetRequiredService<WorkflowScheduler>().FireDueAsync();

    /// <summary>A project whose earlier approvals are in place (every matter outside the stages the tests apply for can be a prerequisite).</summary>
    public Task<ProjectRow> ProjectAsync(bool greenChannel = false, string agent = "agent1") =>
        Projects.CreateProjectAsync(new NewProject("P-" + Guid.NewGuid().ToString("N")[..8], "示例项目", "示例建设有限公司", ProjectKind.EnterpriseInvested, greenChannel,
            ["ZRZY-001", "ZRZY-002", "ZRZY-003", "QX-001", "ZJJ-001"]), agent);

    /// <summary>Publishes <paramref name="json"/> as the new version of a stage workflow (as a designer would in the Studio).</summary>
    public async Task PublishAsync(string definitionId, string json) =>
        await Services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync(definitionId, definitionId, null, json, publish: true);

    /// <summary>Every material of the matters, minus <paramref name="except"/>.</summary>
    public IReadOnlyList<string> MaterialsOf(IEnumerable<string> matters, params string[] except) =>
        matters.Select(Catalogue.FindMatter).SelectMany(m => m!.Materials.Select(x => x.Code)).Except(except).ToList();

    public async Task<CaseFile> ApplyAsync(ProjectRow project, Stage stage, IReadOnlyList<string>? matters = null, params string[] missing)
    {
        var codes = matters ?? Catalogue.MattersOf(stage).Select(m => m.Code).ToList();
        return await Applications.ApplyAsync(project, new NewApplication(stage, matters, MaterialsOf(codes, missing)));
    }

    public async Task<CaseFile> CaseAsync(string caseId) => (await Cases.FindAsync(caseId))!.Value.File;

    public async Task<StepRecord> OpenStepAsync(string caseId, string department, StepKind? kind = null)
    {
        var file = await CaseAsync(caseId);
        return file.Steps.Single(s => s.IsOpen && s.Department == department && (kind is null || s.Kind == kind));
    }

    public async Task<(CaseFile File, StepRecord Step)> ActAsync(string stepId, string outcome, string actor = "reviewer",
        string? opinion = null, IReadOnlyList<string>? conditions = null, IReadOnlyList<MaterialDefect>? missing = null, bool commitmentSigned = false)
    {
        var (file, step, _) = await Steps.ActAsync(stepId,
            new StepAction(StepAction.ActionEvent, outcome, opinion, conditions ?? [], missing ?? [], actor, commitmentSigned, null), null, null);
        return (file, step);
    }

    /// <summary>Accepts the case at the front desk.</summary>
    public async Task<CaseFile> AcceptAsync(string caseId, string outcome = nameof(IntakeOutcome.Accepted), bool commitmentSigned = false)
    {
        var intake = await OpenStepAsync(caseId, PermitActivity.FrontDesk);
        return (await ActAsync(intake.Id, outcome, "frontdesk", commitmentSigned: commitmentSigned)).File;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
