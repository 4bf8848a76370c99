using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>
/// The project list takes the lists' parameters (issue #13, "Lists that scale"; docs/api.md, *Lists*): the project's own
/// green channel and registration dates, the current case's state, stage, departments and deadline, the search into its
/// cases, three orders; on SQLite and PostgreSQL. Its default pages read an index in order (no sort step).
/// </summary>
public sealed class ProjectListTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Projects_are_filtered_by_their_own_fields_and_their_current_case_and_sorted(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        // A: key project, registered Monday 3 March, a stage-two case in review (steps in zrzy, rf, sw, qx, yjgl).
        var a = await host.ProjectAsync(greenChannel: true);
        var aCase = await host.AcceptAsync((await host.ApplyAsync(a, Stage.EngineeringConstructionPermit, OpenSteps.FiveOfStageTwo)).CaseId);
        // B: Tuesday, a stage-two case in review at sw, then on Wednesday a stage-three case just filed: that one is current.
        host.SetClock("2025-03-04T10:00:00+08:00");
        var b = await host.ProjectAsync();
        await host.AcceptAsync((await host.ApplyAsync(b, Stage.EngineeringConstructionPermit, ["SW-002"])).CaseId);
        host.SetClock("2025-03-05T10:00:00+08:00");
        await host.ApplyAsync(b, Stage.ConstructionPermit);
        // C: agent2's, Wednesday, no case; D: agent2's, Wednesday after C, a stage-two case in review, accepted a day after B's.
        var c = await host.ProjectAsync(agent: "agent2");
        host.SetClock("2025-03-05T11:00:00+08:00");
        var d = await host.ProjectAsync(agent: "agent2");
        await host.AcceptAsync((await host.ApplyAsync(d, Stage.EngineeringConstructionPermit, ["QX-001"])).CaseId);
        host.SetClock("2025-03-31T10:00:00+08:00"); // every stage-two case past its promised 15 working days
        var projects = host.Services.GetRequiredService<ProjectQueries>();
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        Instant Day(int day) => new LocalDate(2025, 3, day).AtStartOfDayInZone(zone).ToInstant();

        async Task<string[]> List(StepListFilter filter, string? agent = null) =>
            (await projects.ListAsync(agent, filter, 1, 50)).Items.Select(i => i.Project.Id).ToArray();
        var newest = new StepListFilter(Sort: ListSort.Newest);

        (await List(newest)).Should().Equal(d.Id, c.Id, b.Id, a.Id);
        (await projects.ListAsync(null, null, 1, 50)).Items.Select(i => i.Project.Id).Should().Equal([d.Id, c.Id, b.Id, a.Id], "no filter: newest first");
        (await List(newest with { Sort = ListSort.Oldest })).Should().Equal(a.Id, b.Id, c.Id, d.Id);
        (await List(newest with { Sort = ListSort.Due })).Should().Equal([a.Id, b.Id, d.Id, c.Id],
            "the key project first, then the earliest promised due of an open case (B accepted a day before D), none last");
        (await List(newest, "agent1")).Should().Equal(b.Id, a.Id);
        (await List(newest with { State = "InReview" }, "agent2")).Should().Equal([d.Id], "an agent's filter stays inside their own projects");

        (await List(newest with { GreenChannel = true })).Should().Equal(a.Id);
        (await List(newest with { GreenChannel = false })).Should().Equal(d.Id, c.Id, b.Id);
        (await List(newest with { From = Day(4), To = Day(5) })).Should().Equal([b.Id], "registered on 4 March");

        // The current case decides: B has an older stage-two case in review at sw, overdue, but its current one is stage three, just filed.
        (await List(newest with { State = "InReview" })).Should().Equal(d.Id, a.Id);
        (await List(newest with { State = "Submitted" })).Should().Equal(b.Id);
        (await List(newest with { Stage = Stage.EngineeringConstructionPermit })).Should().Equal(d.Id, a.Id);
        (await List(newest with { Stage = Stage.ConstructionPermit })).Should().Equal(b.Id);
        (await List(newest with { Department = "sw" })).Should().Equal(a.Id);
        (await List(newest with { Department = "frontdesk" })).Should().Equal(d.Id, b.Id, a.Id);
        (await List(newest with { Level = DeadlineLevel.Overdue })).Should().Equal(d.Id, a.Id);

        (await List(newest with { Search = aCase.CaseNumber })).Should().Equal([a.Id], "a case's number finds its project");
        (await List(newest with { Search = c.Code })).Should().Equal(c.Id);
        (await List(newest with { Search = "施工许可证核发" })).Should().Equal([b.Id], "a matter's name (ZJJ-001 建筑工程施工许可证核发, stage three) finds the project of its case");

        var page = await projects.ListAsync(null, newest, 2, 3);
        page.TotalCount.Should().Be(4);
        page.Items.Select(i => i.Project.Id).Should().Equal(a.Id);
        page.Items[0].Latest!.Id.Should().Be(aCase.CaseId);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_default_pages_read_an_index_in_order(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00");
        var now = host.Clock.GetCurrentInstant();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < 300; i++)
                db.Add(new ProjectRow
                {
                    Id = $"P{i:D4}", Code = $"CODE-{i:D4}", Name = $"项目 {i}", Enterprise = "单位", Agent = $"agent{i % 7}", Kind = "EnterpriseInvested",
                    GreenChannel = i % 5 == 0, CreatedAt = now + Duration.FromMinutes(i),
                });
            await db.SaveChangesAsync();
            if (provider != "sqlite") await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE permit_projects");
        }
        var projects = host.Services.GetRequiredService<ProjectQueries>();
        (await projects.ListAsync(null, null, 1, 2)).Items.Select(i => i.Project.Id).Should().Equal("P0299", "P0298");
        (await projects.ListAsync("agent3", new StepListFilter(Sort: ListSort.Oldest), 1, 2)).Items.Select(i => i.Project.Id).Should().Equal("P0003", "P0010");

        async Task<string> PlanOf(Func<Task> list)
        {
            host.Commands.Reset();
            await list();
            return await SupervisionCountsTests.PlanAsync(host, provider, host.Commands.Sent.First(c => c.Text.Contains("LIMIT", StringComparison.Ordinal)));
        }

        var plans = new Dictionary<string, string>
        {
            ["everyone's"] = await PlanOf(() => projects.ListAsync(null, null, 1, 50)),
            ["everyone's oldest first"] = await PlanOf(() => projects.ListAsync(null, new StepListFilter(Sort: ListSort.Oldest), 1, 50)),
            ["an agent's"] = await PlanOf(() => projects.ListAsync("agent3", new StepListFilter(Sort: ListSort.Newest), 1, 50)),
            ["an agent's key projects"] = await PlanOf(() => projects.ListAsync("agent3", new StepListFilter(GreenChannel: true, Sort: ListSort.Newest), 1, 50)),
        };
        foreach (var (list, plan) in plans)
            plan.Should().NotContain(provider == "sqlite" ? "TEMP B-TREE" : "Sort", $"the first page of {list} projects reads an index in order: {plan}");
        plans["everyone's"].Should().Contain("ix_permit_projects_created");
        plans["an agent's"].Should().Contain("ix_permit_projects_created_by_agent");
    }
}
