using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Ledger;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Returns;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Returns;

/// <summary>
/// A repeated return at the window, through the real stage-3 workflow (intake loops to a second round after a one-time
/// notice): counted against <c>frontdesk</c> with its reason, warned about before, and seen by the dashboard, its
/// drill-down, the ledger and the audit trail (docs/supervision.md, Repeated returns).
/// </summary>
public class WindowRepeatedReturnTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_second_notice_at_the_window_asking_for_a_material_present_at_the_first_counts_against_the_window(string provider)
    {
        // ZJJ-003 needs APP, LIC and ZJJ-003-PLAN; the application lacks the plan.
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"], "ZJJ-003-PLAN");
        host.SetClock("2025-03-03T09:30:00+08:00");
        var round1 = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);
        await host.ActAsync(round1.Id, nameof(IntakeOutcome.SupplementRequired), "clerk1");     // lists the missing plan
        host.SetClock("2025-03-04T10:00:00+08:00");
        await host.Materials.SupplyAsync(file.CaseId, ["ZJJ-003-PLAN"], "agent1");
        var round2 = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);

        // Before the clerk acts, the step warns: APP and LIC were present and not named at the 09:30 notice; the plan was named.
        file = await host.CaseAsync(file.CaseId);
        StepDetail.RisksOf(file, file.FindStep(round2.Id)!).Should().Equal(
            new RepeatedReturnRisk("APP", At("2025-03-03T09:30:00+08:00")), new RepeatedReturnRisk("LIC", At("2025-03-03T09:30:00+08:00")));

        host.SetClock("2025-03-04T11:00:00+08:00");
        (file, _) = await host.ActAsync(round2.Id, nameof(IntakeOutcome.SupplementRequired), "clerk2", missing: [new MaterialDefect("LIC", "营业执照已过期")]);

        file.RepeatedReturns.Should().Equal(new RepeatedReturn(round2.Id, PermitActivity.FrontDesk, "LIC", "clerk2", At("2025-03-04T11:00:00+08:00"),
            "营业执照已过期", At("2025-03-03T09:30:00+08:00")));
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            (await db.Set<StepRow>().SingleAsync(s => s.Id == round2.Id)).RepeatedReturns.Should().Be(1);
            (await db.Set<CaseRow>().SingleAsync(c => c.Id == file.CaseId)).RepeatedReturns.Should().Be(1);
            (await db.Set<RepeatedReturnRow>().SingleAsync()).Should().BeEquivalentTo(new
            {
                Id = file.CaseId + "|0", CaseId = file.CaseId, StepId = round2.Id, Department = "frontdesk", MaterialCode = "LIC", Reason = "营业执照已过期", Actor = "clerk2",
            });
        }

        // The dashboard counts it for the window, with the material and reason in the drill-down; nobody else has one.
        var queries = host.Services.GetRequiredService<SupervisionQueries>();
        var (from, to) = (At("2025-03-03T00:00:00+08:00"), At("2025-03-10T00:00:00+08:00"));
        var dashboard = await queries.DashboardAsync(from, to);
        dashboard.Departments.Single(d => d.Department == "frontdesk").Count(SupervisionFigure.RepeatedReturns).Should().Be(1);
        dashboard.Departments.Where(d => d.Department != "frontdesk").Should().OnlyContain(d => d.Count(SupervisionFigure.RepeatedReturns) == 0);
        dashboard.Overall.Count(SupervisionFigure.RepeatedReturns).Should().Be(1);
        (await queries.DrillDownAsync("frontdesk", SupervisionFigure.RepeatedReturns, from, to)).Should().ContainSingle()
            .Which.Should().Match<SupervisionItem>(i => i.StepId == round2.Id && i.CaseId == file.CaseId && i.Detail == "LIC: 营业执照已过期");

        // The ledger's case and step rows carry it; the audit trail names the material and the reason.
        var ledger = host.Services.GetRequiredService<LedgerQueries>();
        (await ledger.CasesAsync(new LedgerFilter(), host.Clock.GetCurrentInstant()).SingleAsync()).RepeatedReturns.Should().Be(1);
        (await ledger.StepsAsync(new LedgerFilter(), host.Clock.GetCurrentInstant()).ToListAsync())
            .Select(s => (s.StepId, s.RepeatedReturns)).Should().Contain((round2.Id, 1)).And.Contain((round1.Id, 0));
        (await host.Services.GetRequiredService<AuditTrail>().ForCaseAsync(file.CaseId)).Where(e => e.Action == "return.repeated")
            .Select(e => (e.StepId, e.Actor, e.After)).Should().Equal((round2.Id, "clerk2", "1: frontdesk LIC — 营业执照已过期"));
    }
}
