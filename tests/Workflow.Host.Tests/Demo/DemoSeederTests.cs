using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Workflows;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Host.Web.Database;
using Workflow.Host.Web.Demo;
using Workflow.Testing;

namespace Workflow.Host.Tests.Demo;

public class DemoSeederTests
{
    [Fact]
    public async Task Seeds_projects_in_every_state_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-demo-" + Guid.NewGuid().ToString("N"));
        var connection = $"Data Source={Path.Combine(folder, "demo.db")}";
        var clock = FakeClock.At("2026-11-20T10:00:00+08:00");
        try
        {
            await using (var app = new ServiceCollection().AddSingleton<NodaTime.IClock>(clock).AddWorkflowSqlite(connection).AddPermits().BuildServiceProvider())
            {
                await app.GetRequiredService<WorkflowDatabase>().MigrateAsync();
                await StageWorkflows.EnsurePublishedAsync(app.GetRequiredService<IWorkflowDefinitionStore>());
            }
            var seeder = new DemoSeeder(new HostDatabase(WorkflowDatabaseProvider.Sqlite, connection), Path.Combine(folder, "calendars"), clock, NullLogger<DemoSeeder>.Instance);

            (await seeder.SeedAsync(15)).Should().Be(15);
            (await seeder.SeedAsync(15)).Should().Be(0, "a database with projects is never seeded again");

            await using var check = new ServiceCollection().AddSingleton<NodaTime.IClock>(clock).AddWorkflowSqlite(connection).AddPermits().BuildServiceProvider();
            var (projects, total) = await check.GetRequiredService<Definitions.Tracking.ProjectQueries>().ListAsync(null, null, 1, 100);
            total.Should().Be(15);
            projects.Select(p => p.Project.Agent).Distinct().Should().BeEquivalentTo(["agent1", "agent2"]);
            var cases = new List<Definitions.Tracking.CaseSummary>();
            foreach (var p in projects) cases.AddRange(await check.GetRequiredService<Definitions.Tracking.CaseQueries>().OfProjectAsync(p.Project.Id));
            cases.Select(c => c.State).Distinct().Should().Contain(
                [CaseState.Submitted, CaseState.WaitingForSupplement, CaseState.InReview, CaseState.Issued, CaseState.Rejected]);
            cases.Should().Contain(c => c.OpenCommitments > 0, "a waived material is outstanding");
            cases.Should().Contain(c => c.RepeatedReturns > 0);
            cases.Should().Contain(c => c.Suspended, "a supplement or a public notice holds a clock");
            cases.Should().Contain(c => c.PromisedDue < clock.GetCurrentInstant() && c.State == CaseState.InReview, "one case is overdue");
            var inbox = (await check.GetRequiredService<Definitions.Tracking.InboxQueries>().PageAsync(null, 1, 500)).Items;
            inbox.Should().NotBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}
