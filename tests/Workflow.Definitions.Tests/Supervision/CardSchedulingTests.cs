using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Scheduling;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Supervision;

/// <summary>
/// Yellow and red cards fired by the engine's scheduler on the fake clock (docs/supervision.md). The case: ZJJ-003 alone
/// (statutory 5, promised 2 working days) accepted Monday 3 March 2025 09:30 on cn-mainland (office 09:00–12:00,
/// 13:30–17:30; the start day does not count). Expected instants by hand: promised — warning when 1 day is used (the
/// end of Tuesday 4 March), due the end of Wednesday 5 March; statutory — warning when 4 days are used (min(5 − 1,
/// 0.8 × 5)), the end of Friday 7 March, due the end of Monday 10 March.
/// </summary>
public class CardSchedulingTests
{
    private static readonly Instant PromisedWarning = At("2025-03-04T17:30:00+08:00");
    private static readonly Instant PromisedDue = At("2025-03-05T17:30:00+08:00");
    private static readonly Instant StatutoryWarning = At("2025-03-07T17:30:00+08:00");
    private static readonly Instant StatutoryDue = At("2025-03-10T17:30:00+08:00");

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Two_schedulers_walking_through_the_clocks_fire_exactly_one_yellow_and_one_red_card_per_clock(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var (caseId, stepId) = await AcceptedReviewAsync(host);
        var schedulers = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<WorkflowScheduler>(host.Services)).ToList();

        var fired = 0;
        // Every 90 minutes for nine days, both schedulers sweep at once.
        for (var now = At("2025-03-03T10:00:00+08:00"); now < At("2025-03-12T10:00:00+08:00"); now += Duration.FromMinutes(90))
        {
            host.Clock.Set(now);
            fired += (await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.FireDueAsync())))).Sum();
            var levels = (await Cards(host, caseId)).Where(c => c.SubjectId == stepId).ToList();
            // No card before its instant: checked on every sweep.
            levels.Where(c => c.LevelAt > now).Should().BeEmpty();
        }

        var cards = await Cards(host, caseId);
        var step = cards.Where(c => c.Subject == CardSubject.Step && c.SubjectId == stepId).ToList();
        step.Select(c => (c.Clock, c.Level, c.LevelAt)).Should().BeEquivalentTo(new[]
        {
            (CardClock.Promised, DeadlineLevel.Warning, PromisedWarning),
            (CardClock.Promised, DeadlineLevel.Overdue, PromisedDue.PlusNanoseconds(1)),
            (CardClock.Statutory, DeadlineLevel.Warning, StatutoryWarning),
            (CardClock.Statutory, DeadlineLevel.Overdue, StatutoryDue.PlusNanoseconds(1)),
        });
        step.Should().OnlyContain(c => c.Department == "zjj");
        // A card fires within the sweep interval after its instant (90 minutes here).
        step.Should().OnlyContain(c => c.FiredAt - c.LevelAt <= Duration.FromMinutes(90));
        await NotificationsSentOncePerAudience(host, cards);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task After_three_days_of_downtime_each_missed_card_fires_once(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var (caseId, stepId) = await AcceptedReviewAsync(host);
        host.Clock.Set(At("2025-03-04T12:00:00+08:00"));
        (await host.FireDueTimersAsync()).Should().Be(0, "nothing is due yet");

        // Down from Tuesday noon to Friday noon: the promised warning and due passed meanwhile.
        host.Clock.Set(At("2025-03-07T12:00:00+08:00"));
        var schedulers = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<WorkflowScheduler>(host.Services)).ToList();
        var fired = (await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.FireDueAsync())))).Sum();

        var step = (await Cards(host, caseId)).Where(c => c.SubjectId == stepId).ToList();
        step.Select(c => (c.Clock, c.Level)).Should().BeEquivalentTo(new[] { (CardClock.Promised, DeadlineLevel.Warning), (CardClock.Promised, DeadlineLevel.Overdue) });
        step.Should().OnlyContain(c => c.FiredAt == At("2025-03-07T12:00:00+08:00"));
        _ = fired;
        (await host.Services.GetServices<Workflow.Engine.Scheduling.ISchedulerSweep>().OfType<CardSweep>().Single().FireCardsAsync()).Should().Be(0, "each missed card fired once");
        await NotificationsSentOncePerAudience(host, await Cards(host, caseId));
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_suspension_moves_the_due_instant_and_no_false_red_card_fires(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var (caseId, stepId) = await AcceptedReviewAsync(host);

        // Tuesday 10:00 (1 of Tuesday's 7 office hours used) the reviewer asks for a supplement: the clocks stop.
        host.Clock.Set(At("2025-03-04T10:00:00+08:00"));
        await host.ActAsync(stepId, "SupplementRequested", "reviewer-zjj", "请补充施工方案", missing: [new MaterialDefect("ZJJ-003-PLAN", "方案缺少签章")]);
        // Long past the old promised and statutory due instants: nothing fires while the clock stands still.
        host.Clock.Set(At("2025-03-14T12:00:00+08:00"));
        await host.FireDueTimersAsync();
        (await Cards(host, caseId)).Where(c => c.SubjectId == stepId).Should().BeEmpty();

        // Supplied Monday 17 March 10:00: 1/7 day used before, 13/7 left on the promised clock. Monday 10:00–17:30 is
        // 6/7, so the promised warning (1 day used) is Monday 17:30 and the due moves to Tuesday 18 March 17:30.
        host.Clock.Set(At("2025-03-17T10:00:00+08:00"));
        await host.Materials.SupplyAsync(caseId, ["ZJJ-003-PLAN"], "agent1");
        host.Clock.Set(At("2025-03-18T17:00:00+08:00"));
        await host.FireDueTimersAsync();
        var step = (await Cards(host, caseId)).Where(c => c.SubjectId == stepId).ToList();
        step.Select(c => (c.Clock, c.Level, c.LevelAt)).Should().BeEquivalentTo(new[] { (CardClock.Promised, DeadlineLevel.Warning, At("2025-03-17T17:30:00+08:00")) });

        host.Clock.Set(At("2025-03-18T18:00:00+08:00"));
        await host.FireDueTimersAsync();
        var red = (await Cards(host, caseId)).Single(c => c.SubjectId == stepId && c.Level == DeadlineLevel.Overdue);
        red.Clock.Should().Be(CardClock.Promised);
        red.DueAt.Should().Be(At("2025-03-18T17:30:00+08:00"));
    }

    [Fact]
    public async Task A_step_that_closes_takes_its_pending_timers_with_it()
    {
        await using var host = await StartAsync("sqlite", "2025-03-03T09:00:00+08:00");
        var (caseId, stepId) = await AcceptedReviewAsync(host);
        host.Clock.Set(At("2025-03-04T10:00:00+08:00"));
        await host.ActAsync(stepId, "Approved", "reviewer-zjj", "同意");
        host.Clock.Set(At("2025-03-31T10:00:00+08:00"));
        await host.FireDueTimersAsync();
        (await Cards(host, caseId)).Where(c => c.SubjectId == stepId).Should().BeEmpty();
    }

    private static async Task<(string CaseId, string StepId)> AcceptedReviewAsync(PermitTestHost host)
    {
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        host.Clock.Set(At("2025-03-03T09:30:00+08:00"));
        file = await host.AcceptAsync(file.CaseId);
        var review = await host.OpenStepAsync(file.CaseId, "zjj");
        return (file.CaseId, review.Id);
    }

    private static Task<IReadOnlyList<Card>> Cards(PermitTestHost host, string caseId) =>
        host.Services.GetRequiredService<CardQueries>().ForCaseAsync(caseId);

    /// <summary>Every card told its three audiences once: the agent, the department's reviewers, the supervisors.</summary>
    private static async Task NotificationsSentOncePerAudience(PermitTestHost host, IReadOnlyList<Card> cards)
    {
        var centre = host.Services.GetRequiredService<NotificationCentre>();
        foreach (var audience in new[] { NotificationAudience.Agent("agent1"), NotificationAudience.Supervisors })
        {
            var items = await centre.ListAsync([audience], "reader", 1000);
            items.Where(n => n.Kind == NotificationKinds.Card).Select(n => n.Data["card"]).Should().BeEquivalentTo(cards.Select(c => c.Id));
        }
        var zjj = await centre.ListAsync([NotificationAudience.Department("zjj")], "reviewer-zjj", 1000);
        zjj.Select(n => n.Data["card"]).Should().BeEquivalentTo(cards.Where(c => c.Department == "zjj").Select(c => c.Id));
    }
}
