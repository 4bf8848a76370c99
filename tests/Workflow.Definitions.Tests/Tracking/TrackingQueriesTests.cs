using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>
/// The read side (docs/domain.md, The read side): inboxes, lists and supervision read every clock from the projection
/// rows, and read the same values the case file gives; the supervisor's counts cover every open step; an inbox page
/// costs the same number of queries whatever its size.
/// </summary>
public sealed class TrackingQueriesTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_inbox_reads_each_clock_from_rows_as_the_case_file_gives_it(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00"); // Monday
        var file = await OpenSteps.FiveWithRfWaitingAsync(host); // Tuesday 10:00: one office hour of seven has passed
        host.SetClock("2025-03-05T12:00:00+08:00"); // Wednesday noon

        var inbox = await host.Services.GetRequiredService<InboxQueries>().PageAsync(null, 1, 50);
        var snapshot = (await host.Services.GetRequiredService<CaseQueries>().FindAsync(file.CaseId))!;

        inbox.Items.Should().HaveCount(5);
        foreach (var entry in inbox.Items)
        {
            var fromFile = snapshot.FindStep(entry.Step.Id)!.Step;
            entry.Step.Should().Be(fromFile, "a step read from its row equals the step read from the case file");
            entry.Case.Clocks.Should().Be(snapshot.Clocks);
        }
        var rf = inbox.Items.Single(i => i.Step.Department == "rf");
        rf.Step.State.Should().Be(StepState.WaitingForSupplement);
        rf.Clocks!.Suspended.Should().BeTrue();
        rf.Clocks.Promised!.RemainingWorkingDays.Should().Be(4.9, "5 days less the hour before the request (1/7 day), standing still since");
        var sw = inbox.Items.Single(i => i.Step.Department == "sw");
        sw.Clocks!.Promised!.RemainingWorkingDays.Should().Be(3.6, "5 days less Tuesday and Wednesday morning (1 3/7 days)");
        sw.Clocks.Statutory.RemainingWorkingDays.Should().Be(18.6);
        sw.Clocks.Promised.RemainingText.Should().Be("还剩 3.6 个工作日");
        rf.Case.Clocks!.Promised!.RemainingWorkingDays.Should().Be(14.9, "the case's 15 days stand still with the supplement request");
        rf.Case.Suspended.Should().BeTrue();
        rf.Case.ProjectName.Should().Be("示例项目");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Supervision_counts_every_open_step_not_only_the_first_500(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00"); // Monday, a week after the old steps
        await OpenSteps.SeedAsync(host, "zjj", 510, At("2025-03-03T09:30:00+08:00"), promised: 1, StepState.Open);
        await OpenSteps.SeedAsync(host, "zjj", 3, At("2025-03-03T09:30:00+08:00"), promised: 1, StepState.WaitingForSupplement);
        await OpenSteps.SeedAsync(host, "fgw", 7, host.Clock.GetCurrentInstant(), promised: 5, StepState.Open);
        await OpenSteps.SeedAsync(host, "fgw", 2, host.Clock.GetCurrentInstant(), promised: 5, StepState.Completed);

        var overview = await host.Services.GetRequiredService<InboxQueries>().OverviewAsync();

        overview.TotalCount.Should().Be(520);
        overview.Departments.Should().Equal(
            new DepartmentLoad("zjj", 513, 3, 0, 510),
            new DepartmentLoad("fgw", 7, 0, 0, 0));
        overview.Attention.Should().HaveCount(510).And.OnlyContain(e => e.Clocks!.Level == DeadlineLevel.Overdue);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Supervision_counts_in_SQL_and_pages_the_attention_list(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00"); // Monday
        var now = host.Clock.GetCurrentInstant();
        // Opened a minute ago with a promised limit of one working day: one day left, which is a warning from the start (docs/calendars.md).
        await OpenSteps.SeedAsync(host, "zjj", 3, now - Duration.FromMinutes(1), promised: 1, StepState.Open,
            promisedDue: At("2025-03-11T10:00:00+08:00"), statutoryDue: At("2025-04-08T10:00:00+08:00"));
        // Opened now with five and twenty working days, due next week and in April: normal (warning from 80 %: Friday 17:30).
        await OpenSteps.SeedAsync(host, "fgw", 600, now, promised: 5, StepState.Open,
            promisedDue: At("2025-03-17T10:00:00+08:00"), statutoryDue: At("2025-04-08T10:00:00+08:00"));
        await OpenSteps.SeedAsync(host, "fgw", 4, now, promised: 5, StepState.WaitingForSupplement,
            promisedDue: At("2025-03-17T10:00:00+08:00"), statutoryDue: At("2025-04-08T10:00:00+08:00"));
        var queries = host.Services.GetRequiredService<InboxQueries>();

        var first = await queries.OverviewAsync(attentionPage: 1, attentionPageSize: 2);
        var second = await queries.OverviewAsync(attentionPage: 2, attentionPageSize: 2);

        first.TotalCount.Should().Be(607);
        first.Departments.Should().Equal(new DepartmentLoad("zjj", 3, 0, 3, 0), new DepartmentLoad("fgw", 604, 4, 0, 0));
        first.AttentionCount.Should().Be(3);
        first.Attention.Should().HaveCount(2).And.OnlyContain(e => e.Clocks!.Level == DeadlineLevel.Warning);
        first.Attention.Select(e => e.Step.Id).Should().NotContain(second.Attention.Should().ContainSingle().Which.Step.Id);
        (await queries.OverviewAsync(attentionPage: 3, attentionPageSize: 2)).Attention.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task An_inbox_page_costs_two_queries_whatever_its_size(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00");
        await OpenSteps.SeedAsync(host, "zjj", 60, At("2025-03-03T09:30:00+08:00"), promised: 5, StepState.Open);
        await OpenSteps.SeedAsync(host, "fgw", 3, At("2025-03-03T09:30:00+08:00"), promised: 5, StepState.Open);
        var inboxes = host.Services.GetRequiredService<InboxQueries>();

        InboxPage? page = null;
        var fifty = await host.Commands.Measure(async () => page = await inboxes.PageAsync("zjj", 1, 50));
        var three = await host.Commands.Measure(async () => await inboxes.PageAsync("fgw", 1, 50));

        page!.Items.Should().HaveCount(50);
        page.TotalCount.Should().Be(60);
        fifty.Should().Be(2, "one count and one joined read; {0}", string.Join(" | ", host.Commands.Texts));
        three.Should().Be(fifty);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Lists_of_cases_and_projects_read_rows_and_filter(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var accepted = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, OpenSteps.FiveOfStageTwo)).CaseId);
        var other = await host.ProjectAsync(agent: "agent2");
        var waiting = await host.ApplyAsync(other, Stage.EngineeringConstructionPermit, OpenSteps.FiveOfStageTwo);
        host.SetClock("2025-03-31T10:00:00+08:00"); // past the case's promised 15 days (24 March)
        var cases = host.Services.GetRequiredService<CaseQueries>();

        var all = await cases.ListAsync(new CaseFilter(), 1, 50);
        var agent1 = await cases.ListAsync(new CaseFilter(Agent: "agent1"), 1, 50);
        var rf = await cases.ListAsync(new CaseFilter(Department: "rf"), 1, 50);
        var submitted = await cases.ListAsync(new CaseFilter(State: CaseState.Submitted), 1, 50);
        var overdue = await cases.ListAsync(new CaseFilter(Overdue: true), 1, 50);

        all.TotalCount.Should().Be(2);
        agent1.Items.Should().ContainSingle().Which.Id.Should().Be(accepted.CaseId);
        rf.Items.Should().ContainSingle().Which.Id.Should().Be(accepted.CaseId);
        submitted.Items.Should().ContainSingle().Which.Id.Should().Be(waiting.CaseId);
        var late = overdue.Items.Should().ContainSingle().Subject;
        late.Id.Should().Be(accepted.CaseId);
        late.Clocks!.Level.Should().Be(DeadlineLevel.Overdue);
        late.Clocks.Should().Be((await cases.FindAsync(accepted.CaseId))!.Clocks);

        var projects = await host.Services.GetRequiredService<ProjectQueries>().ListAsync("agent1", null, 1, 20);
        projects.Items.Should().ContainSingle().Which.Latest!.Id.Should().Be(accepted.CaseId);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task One_reviewer_action_costs_a_fixed_number_of_round_trips(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, OpenSteps.FiveOfStageTwo)).CaseId);
        var steps = file.Steps.Where(s => s.Kind == StepKind.Review).ToList();

        await host.ActAsync(steps[0].Id, "Approved", "reviewer-" + steps[0].Department); // warms EF's query cache
        var second = await host.Commands.Measure(() => host.ActAsync(steps[1].Id, "Approved", "reviewer-" + steps[1].Department));
        var secondTexts = host.Commands.Texts;
        var third = await host.Commands.Measure(() => host.ActAsync(steps[2].Id, "Approved", "reviewer-" + steps[2].Department));

        // The engine sends its rows of the save as one command on PostgreSQL and as one kept-prepared command per statement
        // on SQLite, where a command is a function call, not a round trip (the consumed bookmark's delete, the changed
        // state part, the journal: SaveStatements); EF sends the projection's statements one by one on SQLite and batches
        // them on PostgreSQL.
        var trips = second;
        trips.Should().Be(third, "the cost of an action does not depend on what happened before");
        trips.Should().Be(provider == "sqlite" ? 12 : 8, "docs/architecture.md states the count and its parts (on SQLite 9 until each statement of a save became a command of its own, 2026-12-02; the engine and projection part went from 15/14 to 11/9 with the bookmark delta, then 12/10 with the definition stamp, then 10/7 with the one-statement load and the changed state parts, then 7/7 with the save sent as SQL and the stored bookmarks known from the load, then 5/5 with the projection taking the case file as loaded instead of reading the case and step rows; the audit chain and card timers added 8/4, now 3/2: the card timers one command without reads, the audit lock and head one round trip on PostgreSQL; the open-step counters 1/1); {0}", string.Join("\n", secondTexts.Select(t => t.Split('\n')[0])));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Rows_written_from_the_file_as_loaded_are_those_the_full_projection_writes(string provider)
    {
        // A step action projects only the rows its run changed, from the case file as loaded (docs/domain.md, The read side);
        // a save outside the step desk reads and rewrites every row. After accepting (steps inserted), a supplement request
        // (the case and the step suspended, the step's level instants gone) and an approval a day later, the full projection
        // must find nothing to change but the case's update instant.
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00"); // Monday
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, OpenSteps.FiveOfStageTwo)).CaseId);
        host.SetClock("2025-03-04T10:00:00+08:00");
        await host.ActAsync(file.Steps.Single(s => s.Department == "rf").Id, "SupplementRequested", "reviewer-rf", "请补充",
            missing: [new MaterialDefect("RF-001-DESIGN", "缺少计算书")]);
        host.SetClock("2025-03-05T11:00:00+08:00");
        await host.ActAsync(file.Steps.Single(s => s.Department == "sw").Id, "Approved", "reviewer-sw");
        var (caseBefore, stepsBefore) = await RowsAsync(host, file.CaseId);

        host.SetClock("2025-03-05T12:00:00+08:00");
        await host.Cases.ChangeAsync(file.CaseId, (_, _, _) => true, CancellationToken.None); // saved as is: the full projection
        var (caseAfter, stepsAfter) = await RowsAsync(host, file.CaseId);

        stepsBefore.Should().HaveCount(6).And.Contain(s => s.Department == "rf" && s.State == StepState.WaitingForSupplement && s.WarningAt == null);
        stepsBefore.Single(s => s.Department == "sw").Outcome.Should().Be("Approved");
        stepsBefore.Where(s => s.State == StepState.Open).Should().OnlyContain(s => s.WarningAt != null && s.OverdueAt != null && !s.LevelsPending);
        stepsAfter.Should().BeEquivalentTo(stepsBefore);
        caseBefore.Suspended.Should().BeTrue();
        caseBefore.UpdatedAt.Should().Be(At("2025-03-05T11:00:00+08:00"), "the case row follows every action");
        caseAfter.Should().BeEquivalentTo(caseBefore, o => o.Excluding(c => c.UpdatedAt));
    }

    private static async Task<(CaseRow Case, List<StepRow> Steps)> RowsAsync(PermitTestHost host, string caseId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return (await db.Set<CaseRow>().AsNoTracking().SingleAsync(c => c.Id == caseId),
            await db.Set<StepRow>().AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.Id).ToListAsync());
    }
}
