using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Definitions.Tracking;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Supervision;

/// <summary>
/// The dashboard's figures against a small data set whose figures are worked out by hand below (docs/supervision.md,
/// Dashboard). Four ZJJ-003 cases (zjj; statutory 5, promised 2 working days), all accepted Monday 3 March 2025 09:30;
/// office hours 09:00–12:00 and 13:30–17:30 (7 h a day), the start day not counted:
/// <list type="bullet">
/// <item>A approved Tue 4 March 12:00: 3 h = 3/7 day used; on time on both clocks.</item>
/// <item>B approved Thu 6 March 12:00: Tue + Wed + 3/7 = 17/7 days; late on the promised clock (due Wed 17:30), on time on the statutory one.</item>
/// <item>C approved Tue 11 March 10:00: Tue–Fri, Mon + 1/7 = 36/7 days; late on both (statutory due Mon 10 March 17:30).</item>
/// <item>D: a supplement request Tue 10:00, supplied 11:00, a second request at 14:00 naming APP (in the file at the first request: one repeated return) and the plan again (asked before: not one); still waiting at the end.</item>
/// </list>
/// After its ZJJ-003 review the stage-3 workflow opens zjj's ZJJ-001 review (statutory 15, promised 3): A′ from Tue 12:00,
/// B′ from Thu 12:00, C′ from Tue 11 March 10:00; all open at the end. Their promised clocks warn when 2 days are used
/// (min(3 − 1, 2.4)) and are due after 3: A′ yellow Thu 6 17:30, red Fri 7 17:30; B′ yellow Mon 10 17:30, red Tue 11 17:30;
/// C′ yellow Thu 13 17:30 (its red, Fri 14 17:30, comes after the last sweep at Fri 12:00).
/// Cards, swept just after each instant: yellow — B and C promised (Tue 4 17:30), A′, C statutory (Fri 7 17:30), B′, C′: 6;
/// red — B and C promised (Wed 5 17:30), A′, C statutory (Mon 10 17:30), B′: 5. The cases' own clocks (stage 3:
/// statutory 30, promised 15: warning after 12 days, 19 March) reach no level. Period: 3–17 March (two weeks).
/// </summary>
public class SupervisionDashboardTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_figures_match_the_ones_worked_out_by_hand(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var applied = new List<string>();
        for (var i = 0; i < 4; i++) applied.Add((await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).CaseId);
        host.SetClock("2025-03-03T09:30:00+08:00");
        var steps = new List<string>();
        foreach (var caseId in applied)
        {
            await host.AcceptAsync(caseId);
            steps.Add((await host.OpenStepAsync(caseId, "zjj")).Id);
        }
        var (a, b, c, d) = (steps[0], steps[1], steps[2], steps[3]);

        await AtAsync(host, "2025-03-04T10:00:00+08:00");
        await host.ActAsync(d, "SupplementRequested", "reviewer-zjj", missing: [new MaterialDefect("ZJJ-003-PLAN", "缺签章")]);
        await AtAsync(host, "2025-03-04T11:00:00+08:00");
        await host.Materials.SupplyAsync(applied[3], ["ZJJ-003-PLAN"], "agent1");
        await AtAsync(host, "2025-03-04T12:00:00+08:00");
        await host.ActAsync(a, "Approved", "reviewer-zjj");
        await AtAsync(host, "2025-03-04T14:00:00+08:00");
        await host.ActAsync(d, "SupplementRequested", "reviewer-zjj", missing: [new MaterialDefect("APP", "申请表填写有误"), new MaterialDefect("ZJJ-003-PLAN", "仍缺签章")]);
        await AtAsync(host, "2025-03-04T18:00:00+08:00");
        await AtAsync(host, "2025-03-05T18:00:00+08:00");
        await AtAsync(host, "2025-03-06T12:00:00+08:00");
        await host.ActAsync(b, "Approved", "reviewer-zjj");
        await AtAsync(host, "2025-03-07T18:00:00+08:00");
        await AtAsync(host, "2025-03-10T18:00:00+08:00");
        await AtAsync(host, "2025-03-11T10:00:00+08:00");
        await host.ActAsync(c, "Approved", "reviewer-zjj");
        await AtAsync(host, "2025-03-14T12:00:00+08:00");

        var (a2, b2, c2) = ((await host.OpenStepAsync(applied[0], "zjj")).Id, (await host.OpenStepAsync(applied[1], "zjj")).Id, (await host.OpenStepAsync(applied[2], "zjj")).Id);
        var dashboard = await host.Services.GetRequiredService<SupervisionQueries>()
            .DashboardAsync(At("2025-03-03T00:00:00+08:00"), At("2025-03-17T00:00:00+08:00"));
        var zjj = dashboard.Departments.Single(x => x.Department == "zjj");

        Steps(zjj, SupervisionFigure.Open).Should().Equal(d, a2, b2, c2);
        Steps(zjj, SupervisionFigure.Completed).Should().Equal(a, b, c);
        Steps(zjj, SupervisionFigure.OnTimePromised).Should().Equal(a);
        Steps(zjj, SupervisionFigure.LatePromised).Should().Equal(b, c);
        Steps(zjj, SupervisionFigure.OnTimeStatutory).Should().Equal(a, b);
        Steps(zjj, SupervisionFigure.LateStatutory).Should().Equal(c);
        zjj.OnTimeRate(CardClock.Promised).Should().BeApproximately(1.0 / 3, 1e-9);
        zjj.OnTimeRate(CardClock.Statutory).Should().BeApproximately(2.0 / 3, 1e-9);
        zjj.Items[SupervisionFigure.Completed].Select(i => i.WorkingDays!.Value).Should().Equal([Math.Round(3.0 / 7, 3), Math.Round(17.0 / 7, 3), Math.Round(36.0 / 7, 3)]);
        zjj.AverageWorkingDays.Should().BeApproximately((3.0 + 17 + 36) / 7 / 3, 1e-3);
        zjj.AveragePromisedLimit.Should().Be(2);
        zjj.AverageStatutoryLimit.Should().Be(5);
        zjj.CompressionRatio.Should().BeApproximately(1 - 6.0 / 15, 1e-9);
        zjj.Items[SupervisionFigure.YellowCards].Select(i => i.StepId).Should().BeEquivalentTo([b, c, a2, c, b2, c2]);
        zjj.Items[SupervisionFigure.RedCards].Select(i => i.StepId).Should().BeEquivalentTo([b, c, a2, c, b2]);
        zjj.Count(SupervisionFigure.YellowCards).Should().Be(6);
        zjj.Count(SupervisionFigure.RedCards).Should().Be(5);
        zjj.Count(SupervisionFigure.RepeatedReturns).Should().Be(1);
        Steps(zjj, SupervisionFigure.RepeatedReturns).Should().Equal(d);
        zjj.Items[SupervisionFigure.RepeatedReturns].Single().Detail.Should().Be("APP: 申请表填写有误");
        zjj.Count(SupervisionFigure.OverdueCommitments).Should().Be(0);
        zjj.Count(SupervisionFigure.SpecialProcedures).Should().Be(0);

        // The window's four intake steps have their clock too (docs/domain.md, The intake clock): decided half an hour after
        // filing, on time on both. Nobody else has anything with a clock; the overall figures are zjj's and the window's.
        var window = dashboard.Departments.Single(x => x.Department == PermitActivity.FrontDesk);
        window.Count(SupervisionFigure.Completed).Should().Be(4);
        window.Count(SupervisionFigure.OnTimeStatutory).Should().Be(4);
        window.Count(SupervisionFigure.LateStatutory).Should().Be(0);
        window.Count(SupervisionFigure.RedCards).Should().Be(0);
        dashboard.Overall.Count(SupervisionFigure.Completed).Should().Be(3 + 4);
        dashboard.Overall.Count(SupervisionFigure.RedCards).Should().Be(5);
        dashboard.Departments.Where(x => x.Department is not "zjj" and not PermitActivity.FrontDesk).Should().OnlyContain(x => x.Count(SupervisionFigure.Completed) == 0 && x.Count(SupervisionFigure.RedCards) == 0);

        // Week 1 (3–9 March): A, B and the four intakes completed, promised 5 of 6 on time, statutory 6 of 6; week 2: C, late on both.
        dashboard.Weeks.Select(w => (w.Completed, w.PromisedRate, w.StatutoryRate)).Should().Equal((6, 5.0 / 6, 1.0), (1, 0.0, 0.0));

        // A drill-down lists exactly what the number counts.
        (await host.Services.GetRequiredService<SupervisionQueries>().DrillDownAsync("zjj", SupervisionFigure.LatePromised,
            At("2025-03-03T00:00:00+08:00"), At("2025-03-17T00:00:00+08:00"))).Select(i => i.StepId).Should().Equal(b, c);

        // The drill-down as a list (docs/api.md, Lists): paged, searched by case number, filtered, in SQL on both providers.
        var queries = host.Services.GetRequiredService<SupervisionQueries>();
        var (from, to) = (At("2025-03-03T00:00:00+08:00"), At("2025-03-17T00:00:00+08:00"));
        var second = await queries.DrillDownAsync("zjj", SupervisionFigure.Open, from, to, StepListFilter.None with { Sort = ListSort.Oldest }, 2, 3);
        second.TotalCount.Should().Be(4);
        second.Items.Select(i => i.StepId).Should().Equal([c2], "open: D, A′, B′, C′ by when they opened; page 2 of 3 a page");
        var numberOfC = (await host.Services.GetRequiredService<CaseQueries>().FindAsync(applied[2]))!.CaseNumber!;
        var found = await queries.DrillDownAsync("zjj", SupervisionFigure.Open, from, to, new StepListFilter(Search: numberOfC), 1, 50);
        (found.TotalCount, found.Items.Single().StepId).Should().Be((1, c2));
        (await queries.DrillDownAsync("zjj", SupervisionFigure.Open, from, to, new StepListFilter(State: nameof(CaseState.InReview), Sort: ListSort.Oldest), 1, 50))
            .Items.Select(i => i.StepId).Should().Equal(d, a2, b2, c2);
        (await queries.DrillDownAsync("zjj", SupervisionFigure.Open, from, to, new StepListFilter(State: nameof(CaseState.Submitted)), 1, 50)).TotalCount.Should().Be(0);
        (await queries.DrillDownAsync("zjj", SupervisionFigure.RedCards, from, to, new StepListFilter(Level: Workflow.Engine.Calendar.DeadlineLevel.Overdue), 1, 50))
            .TotalCount.Should().Be(5, "every red card's step or case is overdue");
    }

    private static IEnumerable<string?> Steps(DepartmentFigures figures, string figure) => figures.Items[figure].Select(i => i.StepId);

    private static async Task AtAsync(PermitTestHost host, string iso)
    {
        host.SetClock(iso);
        await host.FireDueTimersAsync();
    }
}
