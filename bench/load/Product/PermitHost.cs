using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Steps;
using Workflow.Definitions.Workflows;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Load.Product;

/// <summary>
/// The permit domain in this process on a fresh SQLite file, with the stage workflows published and a fake clock on a
/// working Monday morning: projects, applications and step actions through the desks the Host's endpoints call.
/// </summary>
public sealed class PermitHost : IAsyncDisposable
{
    /// <summary>Matters approved before, so that every stage's prerequisites are met.</summary>
    public static readonly string[] PriorApprovals = ["ZRZY-001", "ZRZY-002", "ZRZY-003", "QX-001", "ZJJ-001", "ZJJ-002"];

    private PermitHost(ServiceProvider services, FakeClock clock, string? path, CommandCounter commands, string? postgreSql)
    {
        Commands = commands;
        Services = services;
        Clock = clock;
        DatabasePath = path;
        PostgreSqlConnectionString = postgreSql;
    }

    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? PostgreSqlConnectionString { get; }

    /// <summary>The SQL commands the services send (to read a query's plan).</summary>
    public CommandCounter Commands { get; }

    /// <summary>The services.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The fake clock every service reads.</summary>
    public FakeClock Clock { get; }

    /// <summary>The database file; null on PostgreSQL.</summary>
    public string? DatabasePath { get; }

    /// <summary>
    /// A host on a new SQLite file in <paramref name="folder"/>, or with <paramref name="postgreSql"/> on a new database of
    /// the test server (<c>LocalPostgreSql</c>: <c>WORKFLOW_TEST_POSTGRES</c>, else a private server). Every SQL command is
    /// kept in <see cref="Commands"/> unless <paramref name="recordCommands"/> is false (a long run would pile them up).
    /// </summary>
    public static async Task<PermitHost> StartAsync(string folder, string now = "2025-03-03T09:30:00+08:00", bool postgreSql = false, bool recordCommands = true)
    {
        var own = Directory.CreateDirectory(Path.Combine(folder, "permits-" + Guid.NewGuid().ToString("N"))).FullName;
        var path = postgreSql ? null : Path.Combine(own, "permits.db");
        var connectionString = postgreSql ? LocalPostgreSql.CreateDatabase("wf_load_") : null;
        var clock = FakeClock.At(now);
        var commands = new CommandCounter();
        var collection = new ServiceCollection().AddSingleton<IClock>(clock)
            .AddSingleton<Workflow.Definitions.MaterialFiles.IFileStore>(new Workflow.Definitions.MaterialFiles.FolderFileStore(Path.Combine(own, "files")));
        if (recordCommands) collection.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(commands);
        if (connectionString is not null) collection.AddWorkflowPostgreSql(connectionString);
        else collection.AddWorkflowSqlite($"Data Source={path}");
        var services = collection.AddPermits(calendarsFolder: Path.Combine(own, "calendars")).BuildServiceProvider();
        await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await StageWorkflows.EnsurePublishedAsync(services.GetRequiredService<IWorkflowDefinitionStore>());
        return new PermitHost(services, clock, path, commands, connectionString);
    }

    /// <summary>A new project with every prior approval.</summary>
    public Task<Workflow.Definitions.Persistence.ProjectRow> ProjectAsync(string name = "示例项目", bool greenChannel = false) =>
        Services.GetRequiredService<ProjectRegistry>().CreateProjectAsync(
            new NewProject("P-" + Guid.NewGuid().ToString("N")[..10], name, "示例建设有限公司", ProjectKind.EnterpriseInvested, greenChannel, PriorApprovals), "agent1");

    /// <summary>Applies for every matter of <paramref name="stage"/> with every material.</summary>
    public async Task<CaseFile> ApplyAsync(Workflow.Definitions.Persistence.ProjectRow project, Stage stage)
    {
        var catalogue = Services.GetRequiredService<MatterCatalogue>();
        var materials = catalogue.MattersOf(stage).SelectMany(m => m.Materials.Select(x => x.Code)).Distinct().ToList();
        return await Services.GetRequiredService<ApplicationDesk>().ApplyAsync(project, new NewApplication(stage, null, materials));
    }

    /// <summary>Acts on one step with <paramref name="outcome"/>.</summary>
    public async Task<CaseFile> ActAsync(string stepId, string outcome, string actor = "reviewer")
    {
        var (file, _, _) = await Services.GetRequiredService<StepDesk>().ActAsync(stepId,
            new StepAction(StepAction.ActionEvent, outcome, null, [], [], actor, false, null), null, null);
        return file;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
