using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>The open steps the read-side tests count and list: a real case through the workflow, or rows written straight into the projection.</summary>
internal static class OpenSteps
{
    /// <summary>Five matters of stage two, one review step each in zrzy, rf, sw, qx and yjgl (sample catalogue).</summary>
    public static readonly string[] FiveOfStageTwo = ["ZRZY-003", "RF-001", "SW-002", "QX-001", "YJGL-001"];

    /// <summary>
    /// Files and accepts a case of <see cref="FiveOfStageTwo"/> at the host's clock (the tests: Monday 3 March 2025 09:30),
    /// then at Tuesday 4 March 10:00 rf asks for a supplement: four steps open, one waiting. Leaves the clock at Tuesday 10:00.
    /// </summary>
    public static async Task<CaseFile> FiveWithRfWaitingAsync(PermitTestHost host)
    {
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.EngineeringConstructionPermit, FiveOfStageTwo)).CaseId);
        host.SetClock("2025-03-04T10:00:00+08:00");
        await host.ActAsync(file.Steps.Single(s => s.Department == "rf").Id, "SupplementRequested", "reviewer-rf", "请补充",
            missing: [new MaterialDefect("RF-001-DESIGN", "缺少计算书")]);
        return file;
    }

    /// <summary>
    /// Writes <paramref name="count"/> step rows of one new case straight into the projection; their level instants are
    /// computed as the schema step that added them has them computed for older rows (marked, then <see cref="StepLevelBackfill"/>),
    /// and the open-step counters rebuilt as that schema step does (<see cref="OpenStepCounts.RecountAsync"/>).
    /// </summary>
    public static async Task SeedAsync(PermitTestHost host, string department, int count, Instant createdAt, int promised, StepState state,
        Instant? promisedDue = null, Instant? statutoryDue = null)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var caseId = "C" + Guid.NewGuid().ToString("N")[..12];
        db.Add(new CaseRow
        {
            Id = caseId, InstanceId = caseId, ProjectId = "P1", ProjectName = "示例项目", CalendarId = "cn-mainland", Matters = "ZJJ-002",
            State = CaseState.InReview, Agent = "agent1", SubmittedAt = createdAt, AcceptedAt = createdAt, UpdatedAt = createdAt,
        });
        for (var i = 0; i < count; i++)
            db.Add(new StepRow
            {
                Id = $"{caseId}-{i:D3}", CaseId = caseId, InstanceId = caseId, ProjectId = "P1", ActivityId = "a" + i, Kind = StepKind.Review,
                Department = department, Title = "审查", State = state, CreatedAt = createdAt.Plus(Duration.FromSeconds(i)),
                StatutoryLimit = 20, PromisedLimit = promised, Version = 1, PromisedDue = promisedDue, StatutoryDue = statutoryDue,
                LevelsPending = state is StepState.Open or StepState.WaitingForSupplement,
            });
        await db.SaveChangesAsync();
        await OpenStepCounts.RecountAsync(db);
        await host.Services.GetRequiredService<StepLevelBackfill>().RunAsync();
    }
}
