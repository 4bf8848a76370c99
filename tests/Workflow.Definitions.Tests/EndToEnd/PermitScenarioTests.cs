using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.EndToEnd;

/// <summary>The must-show scenarios of the permit domain (issue 4 a–i), end to end on SQLite, cn-mainland, a fake clock.</summary>
public class PermitScenarioTests
{
    private static readonly string[] FiveOfStageTwo = ["ZRZY-003", "RF-001", "SW-002", "QX-001", "YJGL-001"];

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_five_departments_approve_in_time_and_the_result_is_issued_with_both_clocks_recorded(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00"); // Monday
        var project = await host.ProjectAsync();
        var file = await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, FiveOfStageTwo);
        file = await host.AcceptAsync(file.CaseId);

        var reviews = file.Steps.Where(s => s.Kind == StepKind.Review).ToList();
        reviews.Select(s => s.Department).Should().BeEquivalentTo(["zrzy", "rf", "sw", "qx", "yjgl"]);
        reviews.Should().OnlyContain(s => s.StatutoryDue != null && s.PromisedDue != null && s.PromisedDue <= s.StatutoryDue);
        file.StatutoryDue.Should().Be(At("2025-04-15T17:30:00+08:00"), "30 working days after Monday 3 March (Qingming 4 April is a holiday)");
        file.PromisedDue.Should().Be(At("2025-03-24T17:30:00+08:00"), "15 working days");

        host.Clock.Advance(Duration.FromDays(1));
        foreach (var step in reviews)
            await host.ActAsync(step.Id, "Approved", "reviewer-" + step.Department);
        file = await host.CaseAsync(file.CaseId);
        file.Steps.Where(s => s.Kind == StepKind.Review).Should().OnlyContain(s => s.State == StepState.Completed && s.CompletedAt < s.PromisedDue);

        // Public notice (批前公示): 7 calendar days during which the case's clocks stand still.
        var beforeNotice = file.PromisedDue;
        file.Suspensions.Should().ContainSingle(s => s.End == null && s.Reason.Contains("公示"));
        host.Clock.Advance(Duration.FromDays(7));
        (await host.FireDueTimersAsync()).Should().Be(1);

        file = await host.CaseAsync(file.CaseId);
        file.State.Should().Be(CaseState.Issued);
        file.Result!.CertificateNumber.Should().NotBeNullOrEmpty();
        (file.PromisedDue > beforeNotice).Should().BeTrue("the notice's working days are added back");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var row = await db.Set<CaseRow>().SingleAsync(c => c.Id == file.CaseId);
        (row.State, row.StatutoryDue, row.PromisedDue).Should().Be((CaseState.Issued, file.StatutoryDue, file.PromisedDue));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task B_a_supplement_request_stops_the_step_and_the_case_and_moves_both_out_by_the_suspended_working_time(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, FiveOfStageTwo)).CaseId);
        var rf = file.Steps.Single(s => s.Department == "rf");
        var sibling = file.Steps.Single(s => s.Department == "sw");

        host.SetClock("2025-03-04T10:00:00+08:00"); // Tuesday, inside office hours
        (file, rf) = await host.ActAsync(rf.Id, "SupplementRequested", "reviewer-rf", "请补充人防设计文件的计算书",
            missing: [new MaterialDefect("RF-001-DESIGN", "缺少防护单元计算书")]);
        rf.State.Should().Be(StepState.WaitingForSupplement);
        file.Notices.Should().ContainSingle().Which.Items.Should().ContainSingle(i => i.MaterialCode == "RF-001-DESIGN");

        host.SetClock("2025-03-06T10:00:00+08:00"); // Thursday: exactly two working days later
        file = await host.Materials.SupplyAsync(file.CaseId, ["RF-001-DESIGN"], "agent1");
        var resumed = file.FindStep(rf.Id)!;
        resumed.State.Should().Be(StepState.Open);

        resumed.StatutoryDue.Should().Be(Shift(host, rf, file), "the step's own clock moved out by exactly the two suspended working days");
        file.PromisedDue.Should().Be(At("2025-03-26T17:30:00+08:00"), "15 working days from Monday plus the two suspended days");
        file.StatutoryDue.Should().Be(At("2025-04-17T17:30:00+08:00"));
        file.FindStep(sibling.Id)!.PromisedDue.Should().Be(sibling.PromisedDue, "sibling steps of other departments keep running");

        (file, _) = await host.ActAsync(resumed.Id, "Approved", "reviewer-rf");
        file.FindStep(rf.Id)!.State.Should().Be(StepState.Completed);
    }

    /// <summary>The step's due after two whole working days of suspension: two working days later than before.</summary>
    private static Instant Shift(PermitTestHost host, StepRecord before, CaseFile file)
    {
        var calendar = host.Cases.CalendarOf(file);
        var clock = new Workflow.Engine.Calendar.DeadlineClock(calendar, before.CreatedAt, before.StatutoryLimit + 2);
        return clock.Due!.Value;
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task C_waived_material_is_accepted_reviews_pass_and_issuance_waits_until_it_is_supplied(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var file = await host.ApplyAsync(project, Stage.ConstructionPermit, null, "ZJJ-001-FUNDS");

        var intake = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);
        var plain = () => host.ActAsync(intake.Id, "Accepted", "frontdesk");
        await plain.Should().ThrowAsync<PermitRuleViolation>().WithMessage("*ZJJ-001-FUNDS*");
        file = await host.AcceptAsync(file.CaseId, nameof(IntakeOutcome.AcceptedWithWaiver), commitmentSigned: true);
        file.Commitments.Should().ContainSingle().Which.Due.Should().Be(At("2025-03-10T17:30:00+08:00"), "5 working days after acceptance");

        await ApproveAllReviewsAsync(host, file.CaseId);
        file = await host.CaseAsync(file.CaseId);
        file.State.Should().Be(CaseState.AwaitingCommitments);
        file.Result.Should().BeNull("an approval is never issued while a commitment is open");

        host.SetClock("2025-03-07T11:00:00+08:00");
        file = await host.Materials.SupplyAsync(file.CaseId, ["ZJJ-001-FUNDS"], "agent1");
        file.State.Should().Be(CaseState.Issued);
        file.Commitments.Single().FulfilledAt.Should().Be(At("2025-03-07T11:00:00+08:00"));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task C_an_overdue_commitment_takes_the_overdue_path_and_revokes_the_pre_approval(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var file = await host.ApplyAsync(project, Stage.ConstructionPermit, null, "ZJJ-001-FUNDS");
        file = await host.AcceptAsync(file.CaseId, nameof(IntakeOutcome.AcceptedWithWaiver), commitmentSigned: true);
        await ApproveAllReviewsAsync(host, file.CaseId);

        host.SetClock("2025-03-10T17:00:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(0, "the commitment is due at 17:30");
        host.SetClock("2025-03-10T17:31:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(1);

        file = await host.CaseAsync(file.CaseId);
        file.State.Should().Be(CaseState.Revoked);
        file.Result!.Decision.Should().Be("Revoked");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task D_joint_review_with_four_participants_where_one_disagrees_is_consolidated_failed(string provider)
    {
        await using var host = await StartAsync(provider, "2025-06-02T09:00:00+08:00");
        await host.PublishAsync("stage-4-completion-acceptance", StageJson.With("stage-4-completion-acceptance", "Permits.JointReview",
            StageJson.Strings("participants", "yjgl", "rf", "zrzy", "qx")));
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.CompletionAcceptance, ["YJGL-002", "RF-002", "ZRZY-004", "QX-002", "ZJJ-004"])).CaseId);

        var opinions = file.Steps.Where(s => s.Kind == StepKind.JointOpinion).ToList();
        opinions.Select(s => s.Department).Should().BeEquivalentTo(["yjgl", "rf", "zrzy", "qx"]);
        var lead = file.Steps.Single(s => s.Kind == StepKind.JointConsolidation);
        lead.Department.Should().Be("zjj");
        var early = () => host.ActAsync(lead.Id, "Failed", "reviewer-zjj");
        (await early.Should().ThrowAsync<StepConflictException>()).Which.Reason.Code.Should().Be(RuleCodes.JointOpinionsOutstanding);

        await host.ActAsync(opinions[0].Id, "Agree", "reviewer-yjgl");
        await host.ActAsync(opinions[1].Id, "AgreeWithConditions", "reviewer-rf", conditions: ["完善防护门标识"]);
        await host.ActAsync(opinions[2].Id, "Agree", "reviewer-zrzy");
        await host.ActAsync(opinions[3].Id, "Disagree", "reviewer-qx", "防雷检测报告不合格");

        var pass = () => host.ActAsync(lead.Id, "PassedWithConditions", "reviewer-zjj");
        await pass.Should().ThrowAsync<PermitRuleViolation>().WithMessage("*disagreed*");
        (file, _) = await host.ActAsync(lead.Id, "Failed", "reviewer-zjj", "气象部门意见不同意");
        file.State.Should().Be(CaseState.Rejected);
        file.FindStep(lead.Id)!.Outcome.Should().Be("Failed");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task E_quorum_three_of_five_approves_and_cancels_the_other_two(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        await host.PublishAsync("stage-2-engineering-permit", StageJson.With("stage-2-engineering-permit", "Permits.ParallelReview",
            StageJson.Literal("joinMode", "String", "Quorum"), StageJson.Literal("quorum", "Int32", "3"), StageJson.Literal("rejectionCancelsOthers", "Boolean", "False")));
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, FiveOfStageTwo)).CaseId);
        var reviews = file.Steps.Where(s => s.Kind == StepKind.Review).ToList();

        await host.ActAsync(reviews[0].Id, "Approved");
        await host.ActAsync(reviews[1].Id, "Rejected", opinion: "不符合规划条件");
        await host.ActAsync(reviews[2].Id, "Approved");
        (await host.CaseAsync(file.CaseId)).Steps.Count(s => s.Kind == StepKind.Review && s.IsOpen).Should().Be(2, "two approvals of three");
        (file, _) = await host.ActAsync(reviews[3].Id, "ApprovedWithConditions", conditions: ["夜间施工须报备"]);

        file.Steps.Where(s => s.Kind == StepKind.Review).Select(s => s.State).Should().Equal(
            StepState.Completed, StepState.Completed, StepState.Completed, StepState.Completed, StepState.Cancelled);
        await AssertNoBookmarkLeftForAsync(host, file, reviews[4].Id);
        file.Suspensions.Should().ContainSingle(s => s.Reason.Contains("公示"), "the quorum was met, so the workflow went on to the public notice");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task F_a_rejection_cancels_the_sibling_reviews_without_leaving_a_bookmark_behind(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit)).CaseId);
        var reviews = file.Steps.Where(s => s.Kind == StepKind.Review).ToList();
        reviews.Should().HaveCount(6);
        await host.ActAsync(reviews[0].Id, "Approved");

        (file, _) = await host.ActAsync(reviews[1].Id, "Rejected", opinion: "人防工程设计不符合规范");

        file.State.Should().Be(CaseState.Rejected);
        file.Steps.Where(s => s.Kind == StepKind.Review).Count(s => s.State == StepState.Cancelled).Should().Be(4);
        foreach (var cancelled in file.Steps.Where(s => s.State == StepState.Cancelled))
            await AssertNoBookmarkLeftForAsync(host, file, cancelled.Id);
        var journal = await host.Services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(file.CaseId);
        journal.Count(j => j.Event == JournalEventKind.Cancelled && j.ActivityType == "Permits.ParallelReview").Should().Be(4);
        var instance = (await host.Cases.FindAsync(file.CaseId))!.Value.Instance;
        (instance.Status, instance.SubStatus).Should().Be((WorkflowStatus.Finished, WorkflowSubStatus.Finished));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task G_asking_again_for_a_material_that_was_there_at_the_first_request_is_a_repeated_return(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, FiveOfStageTwo)).CaseId);
        var qx = file.Steps.Single(s => s.Department == "qx");

        await host.ActAsync(qx.Id, "SupplementRequested", "reviewer-qx", missing: [new MaterialDefect("QX-001-TECH", "缺少技术评价报告")]);
        host.Clock.Advance(Duration.FromDays(1));
        await host.Materials.SupplyAsync(file.CaseId, ["QX-001-TECH"], "agent1");
        (file, _) = await host.ActAsync(qx.Id, "SupplementRequested", "reviewer-qx",
            missing: [new MaterialDefect("QX-001-DESIGN", "设计文件未盖章"), new MaterialDefect("QX-001-TECH", "报告过期")]);

        file.RepeatedReturns.Should().ContainSingle().Which.Should().Match<RepeatedReturn>(r =>
            r.MaterialCode == "QX-001-DESIGN" && r.Department == "qx" && r.StepId == qx.Id);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Set<StepRow>().SingleAsync(s => s.Id == qx.Id)).RepeatedReturns.Should().Be(1);
        (await db.Set<CaseRow>().SingleAsync(c => c.Id == file.CaseId)).RepeatedReturns.Should().Be(1);
    }

    [Fact]
    public void H_a_catalogue_with_a_prerequisite_cycle_is_rejected_and_names_the_cycle()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(typeof(MatterCatalogue).Assembly.GetManifestResourceStream("Workflow.Definitions.Catalogue.sample-catalogue.json")!)!;
        json["matters"]!.AsArray().Single(m => (string?)m!["code"] == "ZJJ-002")!["prerequisites"] = new System.Text.Json.Nodes.JsonArray("ZJJ-001");

        var act = () => MatterCatalogue.Parse(json.ToJsonString(), "cycle.json");

        act.Should().Throw<CatalogueException>().Which.Problems.Should().Contain("circular prerequisites (互为前置): ZJJ-001 → ZJJ-002 → ZJJ-001");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task I_an_application_across_the_Spring_Festival_gets_the_right_due_dates(string provider)
    {
        await using var host = await StartAsync(provider, "2026-02-13T16:00:00+08:00"); // the Friday before the 2026 Spring Festival
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.ConstructionPermit)).CaseId);

        // Counted: 02-14 (make-up Saturday), 02-24 … 02-27, 02-28 (make-up Saturday), 03-02 … ; 02-15…02-23 are the holiday.
        file.PromisedDue.Should().Be(At("2026-03-12T17:30:00+08:00"), "15 working days");
        file.StatutoryDue.Should().Be(At("2026-04-02T17:30:00+08:00"), "30 working days");
        var review = file.Steps.Single(s => s.MatterCode == "ZJJ-003"); // 5 statutory, 2 promised working days
        (review.PromisedDue, review.StatutoryDue).Should().Be((At("2026-02-24T17:30:00+08:00"), At("2026-02-27T17:30:00+08:00")));
    }

    private static async Task ApproveAllReviewsAsync(PermitTestHost host, string caseId)
    {
        for (var round = 0; round < 3; round++)
            foreach (var step in (await host.CaseAsync(caseId)).Steps.Where(s => s.IsOpen && s.Kind == StepKind.Review).ToList())
                await host.ActAsync(step.Id, "Approved");
    }

    private static async Task AssertNoBookmarkLeftForAsync(PermitTestHost host, CaseFile file, string stepId)
    {
        var bookmarks = await host.Services.GetRequiredService<IWorkflowInstanceStore>().FindBookmarksAsync(new BookmarkFilter(InstanceId: file.CaseId));
        bookmarks.Should().NotContain(b => (string?)b.Bookmark.Payload!["stepId"] == stepId);
    }
}
