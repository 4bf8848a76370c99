using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Scheduling;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Testing;

namespace Workflow.Host.Tests.Database;

/// <summary>A host whose data is in PostgreSQL whatever the test run says, seeded with demo projects.</summary>
public sealed class PostgreSqlDemoHost : HostFactory
{
    public override bool OnPostgreSql => true;
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Projects"] = "15" };
}

/// <summary>
/// The Host on PostgreSQL (<c>Database:Provider=PostgreSql</c>): the schema, demo seeding, the API, the pages, the
/// Studio API, timers and the calendar recompute all run on it. The rest of the Host tests run on PostgreSQL too in
/// <c>.ci/run</c> (WORKFLOW_TEST_DATABASE=postgresql); this class runs there in every test run.
/// </summary>
public sealed class PostgreSqlHostTests(PostgreSqlDemoHost host) : IClassFixture<PostgreSqlDemoHost>
{
    [PostgreSqlFact]
    public void The_stores_are_on_PostgreSQL() =>
        host.Services.GetRequiredService<WorkflowDatabase>().Provider.Should().Be(WorkflowDatabaseProvider.PostgreSql);

    [PostgreSqlFact]
    public async Task The_demo_projects_are_seeded_and_served()
    {
        using var admin = await host.AsUserAsync("admin");
        var projects = await admin.GetJsonAsync("/api/projects?pageSize=100");
        projects.GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(15, "15 were seeded; another test may have added one");
        var inbox = await admin.GetJsonAsync("/api/inbox?pageSize=500");
        inbox.GetProperty("totalCount").GetInt32().Should().BePositive();
    }

    [PostgreSqlFact]
    public async Task A_case_is_filed_and_acted_on_through_the_API()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });

        (await admin.GetJsonAsync($"/api/cases/{caseId}")).Text("state").Should().Be("InReview");
    }

    [PostgreSqlFact]
    public async Task The_pages_and_the_Studio_API_answer()
    {
        using var designer = await host.AsUserAsync("designer");
        var definitions = await designer.GetJsonAsync("/elsa/api/workflow-definitions");
        definitions.GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(4, "the four stage workflows are published");

        using var anonymous = host.Anonymous();
        (await anonymous.GetAsync("/signin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [PostgreSqlFact]
    public async Task Timers_fire_and_the_calendar_recompute_runs_on_it()
    {
        var clocks = host.Services.GetRequiredService<Workflow.Definitions.Clocks.ClockRecompute>();
        (await clocks.RecomputeOpenClocksAsync()).Should().Be(0, "no calendar was imported since the cases were computed");
        // Sixty days on, the demo's running clocks (warnings, deadlines, public notices) are all due.
        host.Clock.Advance(NodaTime.Duration.FromDays(60));
        try
        {
            var scheduler = host.Services.GetRequiredService<WorkflowScheduler>();
            (await scheduler.FireDueAsync()).Should().BePositive();
            (await scheduler.FireDueAsync()).Should().Be(0, "each timer fires once");
        }
        finally
        {
            host.Clock.Set(HostFactory.Start);
        }
    }
}
