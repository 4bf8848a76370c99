using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Feedback;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Ledger;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Definitions.Tracking;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Feedback;

/// <summary>
/// Ratings and complaints (docs/feedback.md) on SQLite and PostgreSQL: the rules, the complaint's states, the audit
/// entries and notifications, and the dashboard's and ledger's figures against a data set worked out by hand.
/// </summary>
public class FeedbackTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_finished_matter_is_rated_once_by_its_agent_and_an_open_case_not_at_all(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var feedback = host.Services.GetRequiredService<FeedbackService>();
        var open = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        var closed = await RefusedAsync(host, "agent1", ["ZJJ-003"]);

        await Rule(() => feedback.RateAsync(open.CaseId, "ZJJ-003", 5, null, "agent1"), "caseId");
        await Rule(() => feedback.RateAsync(closed, "ZJJ-003", 0, null, "agent1"), "stars");
        await Rule(() => feedback.RateAsync(closed, "ZJJ-003", 6, null, "agent1"), "stars");
        await Rule(() => feedback.RateAsync(closed, "ZJJ-001", 4, null, "agent1"), "matter");
        (await feedback.RateAsync(closed, "ZJJ-003", 4, null, "agent2")).Should().BeNull("another agent's case is not found");

        var rating = await feedback.RateAsync(closed, "ZJJ-003", 4, " 办理很快 ", "agent1");

        rating!.Should().BeEquivalentTo(new { CaseId = closed, Matter = "ZJJ-003", Department = "zjj", Agent = "agent1", Stars = 4, Comment = "办理很快" });
        await FluentActions.Awaiting(() => feedback.RateAsync(closed, "ZJJ-003", 1, "改评", "agent1")).Should().ThrowAsync<StepConflictException>();
        (await feedback.RatingsAsync(closed, "agent1"))!.Select(r => r.Stars).Should().Equal(4);
        (await feedback.RatingsAsync(closed, "agent2")).Should().BeNull();
        (await host.Services.GetRequiredService<AuditTrail>().ForCaseAsync(closed)).Where(e => e.Action == "rating.given")
            .Select(e => (e.Actor, e.Role, e.After)).Should().Equal(("agent1", "agent", "ZJJ-003: 4 — 办理很快"));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_complaint_goes_open_in_hand_answered_closed_each_step_once_audited_and_notified(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var feedback = host.Services.GetRequiredService<FeedbackService>();
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        var intake = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);

        await Rule(() => feedback.FileAsync(file.CaseId, null, null, "窗口态度差", "agent1"), "stepId");
        await Rule(() => feedback.FileAsync(file.CaseId, "no-such-step", null, "窗口态度差", "agent1"), "stepId");
        await Rule(() => feedback.FileAsync(file.CaseId, null, "nope", "窗口态度差", "agent1"), "department");
        await Rule(() => feedback.FileAsync(file.CaseId, intake.Id, null, "  ", "agent1"), "text");
        (await feedback.FileAsync(file.CaseId, intake.Id, null, "窗口态度差", "agent2")).Should().BeNull();

        var complaint = (await feedback.FileAsync(file.CaseId, intake.Id, null, "窗口态度差", "agent1"))!;
        complaint.Should().BeEquivalentTo(new { Department = "frontdesk", State = ComplaintState.Open, StepId = intake.Id });
        (await feedback.ComplaintAsync(complaint.Id, "agent2")).Should().BeNull("other agents' complaints are not found");
        (await feedback.ComplaintsAsync("agent2", StepListFilter.None, 1, 50)).Items.Should().BeEmpty();

        await FluentActions.Awaiting(() => feedback.AnswerAsync(complaint.Id, "已处理", "sup1", anyHandler: false)).Should().ThrowAsync<StepConflictException>("nobody took it yet");
        (await feedback.TakeAsync(complaint.Id, "sup1"))!.State.Should().Be(ComplaintState.InHand);
        await FluentActions.Awaiting(() => feedback.TakeAsync(complaint.Id, "sup2")).Should().ThrowAsync<StepConflictException>();
        await FluentActions.Awaiting(() => feedback.AnswerAsync(complaint.Id, "已处理", "sup2", anyHandler: false)).Should().ThrowAsync<StepConflictException>("sup1 handles it");
        await FluentActions.Awaiting(() => feedback.CloseAsync(complaint.Id, "sup1", agent: null)).Should().ThrowAsync<StepConflictException>("not answered yet");
        var answered = (await feedback.AnswerAsync(complaint.Id, "已约谈窗口人员", "sup1", anyHandler: false))!;
        answered.Should().BeEquivalentTo(new { State = ComplaintState.Answered, Handler = "sup1", Reply = "已约谈窗口人员" });
        (await feedback.CloseAsync(complaint.Id, "agent2", agent: "agent2")).Should().BeNull();
        (await feedback.CloseAsync(complaint.Id, "agent1", agent: "agent1"))!.State.Should().Be(ComplaintState.Closed);
        await FluentActions.Awaiting(() => feedback.CloseAsync(complaint.Id, "agent1", agent: "agent1")).Should().ThrowAsync<StepConflictException>();

        var stored = (await feedback.ComplaintAsync(complaint.Id, null))!;
        stored.Should().BeEquivalentTo(new { State = ComplaintState.Closed, Handler = "sup1", Reply = "已约谈窗口人员", ClosedBy = "agent1" });
        stored.TakenAt.Should().NotBeNull(); stored.AnsweredAt.Should().NotBeNull(); stored.ClosedAt.Should().Be(host.Clock.GetCurrentInstant());
        (await host.Services.GetRequiredService<AuditTrail>().ForCaseAsync(file.CaseId)).Where(e => e.Action.StartsWith("complaint.", StringComparison.Ordinal))
            .Select(e => (e.Action, e.Actor, e.After)).Should().Equal(
                ("complaint.filed", "agent1", $"{complaint.Id}: frontdesk — 窗口态度差"),
                ("complaint.taken", "sup1", $"{complaint.Id}: InHand"),
                ("complaint.answered", "sup1", $"{complaint.Id}: Answered — 已约谈窗口人员"),
                ("complaint.closed", "agent1", $"{complaint.Id}: Closed"));
        var centre = host.Services.GetRequiredService<NotificationCentre>();
        (await centre.ListAsync([NotificationAudience.Supervisors], "sup1", 10)).Where(n => n.Kind == NotificationKinds.Complaint).Should().ContainSingle();
        (await centre.ListAsync([NotificationAudience.Agent("agent1")], "agent1", 10)).Where(n => n.Kind == NotificationKinds.ComplaintReply).Should().ContainSingle()
            .Which.Data["complaint"].Should().Be(complaint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Period 3–10 March 2025. Ratings: A (ZJJ-003, zjj) 4★ on 3 March; B ZJJ-003 2★ and SCJG-001 (scjg) 5★ on 4 March;
    /// C (agent2) 3★ on 11 March — outside. So zjj: 2 ratings, mean (4 + 2) / 2 = 3; scjg: 1, mean 5; overall 3 ratings,
    /// mean 11/3. Complaints: A's intake step (frontdesk) 5 March, B about rf 6 March, C about zjj 11 March — outside:
    /// frontdesk 1, rf 1, zjj 0, overall 2. Ledger (no period): A 4, B (2 + 5) / 2 = 3.5, C 3.
    /// </summary>
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_dashboard_and_the_ledger_show_the_figures_worked_out_by_hand(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var feedback = host.Services.GetRequiredService<FeedbackService>();
        var a = await RefusedAsync(host, "agent1", ["ZJJ-003"]);
        var b = await RefusedAsync(host, "agent1", ["ZJJ-003", "SCJG-001"]);
        var c = await RefusedAsync(host, "agent2", ["ZJJ-003"]);
        var aIntake = (await host.CaseAsync(a)).Steps.Single(s => s.Kind == StepKind.Intake).Id;

        host.SetClock("2025-03-03T11:00:00+08:00");
        await feedback.RateAsync(a, "ZJJ-003", 4, "办理很快", "agent1");
        host.SetClock("2025-03-04T11:00:00+08:00");
        await feedback.RateAsync(b, "ZJJ-003", 2, null, "agent1");
        await feedback.RateAsync(b, "SCJG-001", 5, null, "agent1");
        host.SetClock("2025-03-05T11:00:00+08:00");
        await feedback.FileAsync(a, aIntake, null, "窗口让我跑了两趟", "agent1");
        host.SetClock("2025-03-06T11:00:00+08:00");
        await feedback.FileAsync(b, null, "rf", "人防咨询电话无人接听", "agent1");
        host.SetClock("2025-03-11T11:00:00+08:00");
        await feedback.RateAsync(c, "ZJJ-003", 3, null, "agent2");
        await feedback.FileAsync(c, null, "zjj", "超期未办", "agent2");

        var queries = host.Services.GetRequiredService<SupervisionQueries>();
        var (from, to) = (At("2025-03-03T00:00:00+08:00"), At("2025-03-10T00:00:00+08:00"));
        var dashboard = await queries.DashboardAsync(from, to);
        DepartmentFigures Of(string code) => dashboard.Departments.Single(d => d.Department == code);

        Of("zjj").Count(SupervisionFigure.Ratings).Should().Be(2);
        Of("zjj").AverageRating.Should().Be(3.0);
        Of("scjg").AverageRating.Should().Be(5.0);
        Of("rf").AverageRating.Should().BeNull();
        dashboard.Overall.AverageRating.Should().BeApproximately(11.0 / 3, 1e-9);
        (Of("frontdesk").Complaints, Of("rf").Complaints, Of("zjj").Complaints, dashboard.Overall.Complaints).Should().Be((1, 1, 0, 2));
        (await queries.DrillDownAsync("zjj", SupervisionFigure.Ratings, from, to)).Select(i => (i.CaseId, i.Stars, i.Detail)).Should().Equal((a, 4, "办理很快"), (b, 2, null));
        (await queries.DrillDownAsync(SupervisionQueries.Overall, SupervisionFigure.Complaints, from, to)).Select(i => (i.CaseId, i.StepId, i.Department))
            .Should().Equal((a, aIntake, "frontdesk"), (b, null, "rf"));

        var ledger = await host.Services.GetRequiredService<LedgerQueries>().CasesAsync(new LedgerFilter(), host.Clock.GetCurrentInstant()).ToListAsync();
        ledger.Select(l => (l.CaseId, l.Rating)).Should().BeEquivalentTo([(a, (double?)4.0), (b, 3.5), (c, 3.0)]);
    }

    /// <summary>A case of <paramref name="agent"/> refused at intake (closed, so its matters may be rated).</summary>
    private static async Task<string> RefusedAsync(PermitTestHost host, string agent, IReadOnlyList<string> matters)
    {
        var file = await host.ApplyAsync(await host.ProjectAsync(agent: agent), Stage.ConstructionPermit, matters);
        var intake = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);
        await host.ActAsync(intake.Id, nameof(IntakeOutcome.Refused), "frontdesk", opinion: "不属于本中心受理范围");
        (await host.CaseAsync(file.CaseId)).State.Should().Be(CaseState.Refused);
        return file.CaseId;
    }

    private static async Task Rule<T>(Func<Task<T>> act, string field) =>
        (await FluentActions.Awaiting(act).Should().ThrowAsync<PermitRuleViolation>()).Which.Errors.Keys.Should().Contain(field);
}
