using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>
/// The project tracker (docs/architecture.md, "Round trips") reads only projection rows: what the applicant owes and
/// the workflow each case runs are columns of <c>permit_cases</c> (permits step 4), filled on every save and back-filled
/// by the migration from the stored case files.
/// </summary>
public sealed class ProjectTrackTests
{
    private static readonly string[] FiveOfStageTwo = ["ZRZY-003", "RF-001", "SW-002", "QX-001", "YJGL-001"];

    /// <summary>
    /// Three cases of one project, each owing something else: stage 4 at the window with a one-time notice, stage 2 with a
    /// review step waiting for its supplement, stage 3 accepted with a waived material under commitment.
    /// </summary>
    private static async Task<(string Notice, string Request, string Commitment, string RfStep, string NoticeMaterial)> SeedAsync(PermitTestHost host, ProjectRow project)
    {
        var stageFour = host.Catalogue.MattersOf(Stage.CompletionAcceptance).First();
        var noticeMaterial = stageFour.Materials.First().Code;
        var notice = await host.ApplyAsync(project, Stage.CompletionAcceptance, [stageFour.Code], noticeMaterial);
        var intake = await host.OpenStepAsync(notice.CaseId, PermitActivity.FrontDesk);
        await host.ActAsync(intake.Id, nameof(IntakeOutcome.SupplementRequired), "frontdesk", "缺件");

        var request = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, FiveOfStageTwo)).CaseId);
        var rf = request.Steps.Single(s => s.Department == "rf");
        await host.ActAsync(rf.Id, "SupplementRequested", "reviewer-rf", "请补充", missing: [new MaterialDefect("RF-001-DESIGN", "缺少防护单元计算书")]);

        var waived = await host.ApplyAsync(project, Stage.ConstructionPermit, null, "ZJJ-001-FUNDS");
        await host.AcceptAsync(waived.CaseId, nameof(IntakeOutcome.AcceptedWithWaiver), commitmentSigned: true);
        return (notice.CaseId, request.CaseId, waived.CaseId, rf.Id, noticeMaterial);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Step_4_fills_what_is_owed_and_the_workflow_of_existing_cases_as_the_projection_writes_them(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var (notice, request, commitment, rfStep, noticeMaterial) = await SeedAsync(host, project);
        var projected = await ReadAsync(host);

        // Back to a database at step 3: without the columns, and without step 4 in the history (nor the later steps, and
        // the list indexes on their columns: docs/supervision.md, "Counting at scale").
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_permit_steps_attention");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_permit_steps_late");
            await db.Database.ExecuteSqlRawAsync("DROP TABLE permit_open_steps");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_permit_steps_levels_pending");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_steps DROP COLUMN warning_at");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_steps DROP COLUMN overdue_at");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_steps DROP COLUMN levels_pending");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_cases DROP COLUMN deemed_accepted");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM wf_schema_history WHERE (module = 'permits' AND version > 4) OR (module = 'permit-lists' AND version >= 3)");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_cases DROP COLUMN owed");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_cases DROP COLUMN workflow");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM wf_schema_history WHERE module = 'permits' AND version = 4");
        }
        await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        var backfilled = await ReadAsync(host);

        projected.Keys.Should().BeEquivalentTo([notice, request, commitment]);
        foreach (var (caseId, (owed, workflow)) in projected)
        {
            backfilled[caseId].Owed.Should().BeEquivalentTo(owed, o => o.WithStrictOrdering(), $"case {caseId} owes the same after the back-fill");
            backfilled[caseId].Workflow.Should().Be(workflow).And.NotBeNull();
        }
        backfilled[notice].Owed.Select(o => (o.Source, o.Code)).Should().Equal((OwedSource.Missing, noticeMaterial), (OwedSource.Notice, noticeMaterial));
        backfilled[notice].Owed[1].Reason.Should().Be("缺少该材料");
        backfilled[request].Owed.Select(o => (o.Source, o.Code, o.StepId)).Should().Equal(
            (OwedSource.Missing, "RF-001-DESIGN", null), (OwedSource.SupplementRequest, "RF-001-DESIGN", rfStep));
        backfilled[request].Owed[1].Reason.Should().Be("缺少防护单元计算书");
        backfilled[commitment].Owed.Select(o => (o.Source, o.Code, o.Due)).Should().Equal(
            (OwedSource.Missing, "ZJJ-001-FUNDS", null), (OwedSource.Commitment, "ZJJ-001-FUNDS", At("2025-03-10T17:30:00+08:00")));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_tracker_shows_what_each_matter_owes_and_costs_two_queries_whatever_the_number_of_cases(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var single = await host.ProjectAsync(agent: "agent2");
        await host.ApplyAsync(single, Stage.EngineeringConstructionPermit, FiveOfStageTwo);
        var (_, request, commitment, rfStep, _) = await SeedAsync(host, project);
        var projects = host.Services.GetRequiredService<ProjectQueries>();

        ProjectTrack? track = null;
        var three = await host.Commands.Measure(async () => track = await projects.TrackAsync(project.Id));
        var one = await host.Commands.Measure(() => projects.TrackAsync(single.Id));

        three.Should().Be(2, "one read of the cases, one of their steps; {0}", string.Join(" | ", host.Commands.Texts));
        one.Should().Be(three);
        track!.Cases.Should().HaveCount(3);
        var cells = track.Stages.SelectMany(s => s.Cells).ToDictionary(c => c.Matter.Code);
        cells["RF-001"].State.Should().Be(CellState.WaitingForSupplement);
        cells["RF-001"].Missing.Should().Equal(new OwedItem("RF-001-DESIGN", host.Catalogue.FindMaterial("RF-001-DESIGN")!.Name, "缺少防护单元计算书"));
        cells["RF-001"].Departments.Should().Equal("rf");
        cells["RF-001"].CaseId.Should().Be(request);
        var funds = cells.Values.Single(c => c.CaseId == commitment && c.Missing.Count > 0);
        funds.Missing.Should().Equal(new OwedItem("ZJJ-001-FUNDS", host.Catalogue.FindMaterial("ZJJ-001-FUNDS")!.Name, "", At("2025-03-10T17:30:00+08:00")));
        track.Cases.Single(c => c.Id == request).Steps.Single(s => s.Id == rfStep).State.Should().Be(StepState.WaitingForSupplement);
    }

    private static async Task<Dictionary<string, (IReadOnlyList<OwedMaterial> Owed, CaseWorkflow? Workflow)>> ReadAsync(PermitTestHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<CaseRow>().AsNoTracking().ToListAsync();
        return rows.ToDictionary(r => r.Id, r => (r.OwedMaterials(), r.CaseWorkflow()));
    }
}
