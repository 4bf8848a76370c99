using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Notifications;

/// <summary>
/// Every event of a case that concerns its agent becomes one notification for that agent and for no one else
/// (docs/notifications.md, Kinds); a kind chosen for e-mail also puts one message in the outbox, in the same save.
/// </summary>
public class CaseNotificationTests
{
    private static readonly string[] OneMatter = ["ZRZY-003"];

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Each_case_event_notifies_its_agent_once_and_nobody_else(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        // Stage 2 with a two-working-day expert review after the review (as in SpecialProcedureTests).
        await host.PublishAsync("stage-2-engineering-permit", StageJson.With("stage-2-engineering-permit", "Permits.SpecialProcedure",
            StageJson.Literal("durationUnit", "String", "WorkingDays"), StageJson.Literal("duration", "Int32", "2"), StageJson.Literal("procedure", "String", "ExpertReview")));
        var centre = host.Services.GetRequiredService<NotificationCentre>();
        // agent2 files a case of their own, which nobody acts on: they must hear nothing of agent1's.
        await host.ApplyAsync(await host.ProjectAsync(agent: "agent2"), Stage.EngineeringConstructionPermit, OneMatter);

        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.EngineeringConstructionPermit, OneMatter, "ZRZY-003-LAND");
        (await KindsOf(centre, "agent1")).Should().BeEmpty("filing tells the agent nothing: they filed it");

        var intake = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);
        await host.ActAsync(intake.Id, nameof(IntakeOutcome.SupplementRequired), "frontdesk", missing: [new MaterialDefect("ZRZY-003-DESIGN", "未盖章")]);
        (await KindsOf(centre, "agent1")).Should().Equal(NotificationKinds.NoticeIssued);
        var notice = (await centre.ListAsync([NotificationAudience.Agent("agent1")], "agent1", 10)).Single();
        (notice.CaseId, notice.Data["count"], notice.Data["materials"]).Should().Be((file.CaseId, "2", "建设工程设计方案总平面图、土地权属证明"));

        await host.Materials.SupplyAsync(file.CaseId, ["ZRZY-003-LAND", "ZRZY-003-DESIGN"], "agent1");
        file = await host.AcceptAsync(file.CaseId);
        var review = file.Steps.Single(s => s.Kind == StepKind.Review);
        host.SetClock("2025-03-04T10:00:00+08:00");
        await host.ActAsync(review.Id, "SupplementRequested", "reviewer-zrzy", "请补充", missing: [new MaterialDefect("ZRZY-003-ELEV", "不清晰")]);
        await host.Materials.SupplyAsync(file.CaseId, ["ZRZY-003-ELEV"], "agent1");
        host.SetClock("2025-03-04T11:00:00+08:00");
        await host.ActAsync(review.Id, "Approved", "reviewer-zrzy");
        host.SetClock("2025-03-06T17:31:00+08:00"); // two working days after Tuesday 11:00 end at Thursday's close
        await host.FireDueTimersAsync();
        (await host.CaseAsync(file.CaseId)).State.Should().Be(CaseState.Issued);

        // A third case of agent1's, refused at the window.
        var refused = await host.ApplyAsync(await host.ProjectAsync(), Stage.EngineeringConstructionPermit, OneMatter);
        await host.ActAsync((await host.OpenStepAsync(refused.CaseId, PermitActivity.FrontDesk)).Id, nameof(IntakeOutcome.Refused), "frontdesk", opinion: "不属于本中心受理范围");

        (await KindsOf(centre, "agent1")).Should().Equal(
            NotificationKinds.NoticeIssued, NotificationKinds.Accepted, NotificationKinds.SupplementRequested,
            NotificationKinds.SpecialProcedureStarted, NotificationKinds.SpecialProcedureEnded, NotificationKinds.ResultIssued,
            NotificationKinds.Refused);
        var items = await centre.ListAsync([NotificationAudience.Agent("agent1")], "agent1", 50);
        items.Where(i => i.Kind != NotificationKinds.Refused).Should().OnlyContain(i => i.CaseId == file.CaseId);
        items.Single(i => i.Kind == NotificationKinds.Refused).CaseId.Should().Be(refused.CaseId);
        items.Single(i => i.Kind == NotificationKinds.SupplementRequested).StepId.Should().Be(review.Id);
        items.Single(i => i.Kind == NotificationKinds.SupplementRequested).Data["materials"].Should().Be("建筑立面效果图");
        items.Single(i => i.Kind == NotificationKinds.SpecialProcedureStarted).Data["reason"].Should().Be("特别程序：专家评审");
        items.Single(i => i.Kind == NotificationKinds.ResultIssued).Data["decision"].Should().Be("Approved");

        (await KindsOf(centre, "agent2")).Should().BeEmpty();
        foreach (var other in new[] { NotificationAudience.Department("zrzy"), NotificationAudience.Department(PermitActivity.FrontDesk), NotificationAudience.Supervisors })
            (await centre.ListAsync([other], "someone", 50)).Should().BeEmpty($"{other} is told nothing of what the agent is told");
    }

    [Fact]
    public async Task A_kind_chosen_for_email_puts_one_message_in_the_outbox_with_the_notification_and_others_stay_in_app()
    {
        await using var host = await StartAsync("sqlite", "2025-03-03T09:30:00+08:00");
        var settings = host.Services.GetRequiredService<NotificationSettings>();
        await settings.SaveAsync(new NotificationSettingRow
        {
            Reader = "agent1", Audience = NotificationAudience.Agent("agent1"), Email = "agent1@example.cn", Language = "en", EmailKinds = NotificationKinds.Accepted,
        });
        // agent2 wants everything by e-mail but is not this case's agent.
        await settings.SaveAsync(new NotificationSettingRow
        {
            Reader = "agent2", Audience = NotificationAudience.Agent("agent2"), Email = "agent2@example.cn", EmailKinds = string.Join(",", NotificationKinds.All),
        });

        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.EngineeringConstructionPermit, OneMatter, "ZRZY-003-LAND");
        var intake = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);
        await host.ActAsync(intake.Id, nameof(IntakeOutcome.SupplementRequired), "frontdesk", missing: []);
        await host.Materials.SupplyAsync(file.CaseId, ["ZRZY-003-LAND"], "agent1");
        await host.AcceptAsync(file.CaseId);

        var outbox = await host.Services.GetRequiredService<EmailOutbox>().ListAsync();
        outbox.Should().ContainSingle();
        var message = outbox.Single();
        (message.Kind, message.Reader, message.Email, message.Language, message.CaseId).Should().Be((NotificationKinds.Accepted, "agent1", "agent1@example.cn", "en", file.CaseId));
        message.NextAttemptAt.Should().Be(host.Clock.GetCurrentInstant(), "due at once");
    }

    private static async Task<IReadOnlyList<string>> KindsOf(NotificationCentre centre, string agent) =>
        (await centre.ListAsync([NotificationAudience.Agent(agent)], agent, 100)).OrderBy(i => i.Id).Select(i => i.Kind).ToList();
}
