using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Scheduling;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// 视为受理 through the real app (the API's case view, the case page and the acceptance notice) (docs/domain.md, *The intake clock*): two ZJJ-003 cases of agent1 filed on Friday
/// 2025-09-26 10:00 Shanghai. The window accepts one at once and leaves the other undecided. Its five working days on
/// the official calendar are 28 (a make-up working Sunday), 29 and 30 September, then 9 and 10 October after the
/// National Day holiday, so they end on Friday 2025-10-10 at 17:30. A third case is filed on Monday 2025-09-29 10:00: its
/// five days are 30 September, 9, 10, 11 (a make-up working Saturday) and 13 October, due on Monday 2025-10-13 at 17:30.
/// The host's clock then moves to Monday 2025-10-13 10:00 and one timer sweep runs.
/// </summary>
public sealed class DeemedAcceptanceTests(DeemedAcceptanceTests.LapsedIntakeHost host) : IClassFixture<DeemedAcceptanceTests.LapsedIntakeHost>
{
    public sealed class LapsedIntakeHost : HostFactory, IAsyncLifetime
    {
        /// <summary>The case the window left undecided past its intake clock.</summary>
        public string DeemedCaseId { get; private set; } = "";
        /// <summary>The case the window accepted in time.</summary>
        public string AcceptedCaseId { get; private set; } = "";
        /// <summary>The case still at the window on its intake clock's last day.</summary>
        public string LastDayCaseId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var agent = await AsUserAsync("agent1");
            using var frontdesk = await AsUserAsync("frontdesk");
            using var admin = await AsUserAsync("admin");
            AcceptedCaseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
            await frontdesk.ActAsync((await admin.OpenStepAsync(AcceptedCaseId, "frontdesk")).Id(), new { outcome = "Accepted" });
            DeemedCaseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
            Clock.Set(Instant.FromUtc(2025, 9, 29, 2, 0));
            using (var later = await AsUserAsync("agent1")) // the first token has expired by then
                LastDayCaseId = (await later.ApplyAsync(await later.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
            Clock.Set(Instant.FromUtc(2025, 10, 13, 2, 0));
            await Services.GetRequiredService<WorkflowScheduler>().FireDueAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task The_case_view_says_deemedAccepted_with_the_day_of_receipt_and_false_for_a_case_the_window_accepted()
    {
        using var agent = await host.AsUserAsync("agent1");

        var deemed = await agent.GetJsonAsync($"/api/cases/{host.DeemedCaseId}");
        deemed.GetProperty("deemedAccepted").GetBoolean().Should().BeTrue();
        deemed.Text("acceptedAt").Should().Be("2025-09-26T10:00:00+08:00", "accepted as of when the window received the materials");
        deemed.Text("state").Should().Be("InReview");

        var accepted = await agent.GetJsonAsync($"/api/cases/{host.AcceptedCaseId}");
        accepted.GetProperty("deemedAccepted").GetBoolean().Should().BeFalse();
        accepted.Text("acceptedAt").Should().Be("2025-09-26T10:00:00+08:00");
    }

    [Fact]
    public async Task The_case_page_shows_the_deemed_acceptance_badge_only_on_the_deemed_case()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var deemed = await agent.GetStringAsync($"/cases/{host.DeemedCaseId}");
        deemed.Should().Contain("id=\"deemed-accepted\"").And.Contain("视为受理（受理时限届满未作决定）");
        var english = await agent.GetStringAsync($"/cases/{host.DeemedCaseId}?culture=en");
        english.Should().Contain("id=\"deemed-accepted\"").And.Contain("deemed accepted (the intake deadline passed undecided)");

        var accepted = await agent.GetStringAsync($"/cases/{host.AcceptedCaseId}");
        accepted.Should().NotContain("deemed-accepted").And.NotContain("视为受理");
    }

    [Fact]
    public async Task The_acceptance_notice_of_a_deemed_case_says_it_is_deemed_accepted_from_the_day_of_receipt_and_not_that_the_materials_were_complete()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var deemed = await agent.GetStringAsync($"/cases/{host.DeemedCaseId}/print/acceptance");
        deemed.Should().Contain("受理通知书").And.Contain("id=\"deemed\"")
            .And.Contain("依照《中华人民共和国行政许可法》第三十二条视为受理")
            .And.Contain("自收到申请材料之日（2025年9月26日）起即为受理")
            .And.Contain("2025年9月26日（视为受理）", "the acceptance date row")
            .And.NotContain("申请材料齐全、符合法定形式", "nobody checked them");

        var accepted = await agent.GetStringAsync($"/cases/{host.AcceptedCaseId}/print/acceptance");
        accepted.Should().Contain("申请材料齐全、符合法定形式，决定予以受理").And.NotContain("视为受理");
    }

    [Fact]
    public async Task The_intake_queue_shows_an_application_on_its_last_day_in_warning_before_it_is_due()
    {
        using var admin = await host.AsUserAsync("admin");
        var stepId = (await admin.OpenStepAsync(host.LastDayCaseId, "frontdesk")).Id();
        using var frontDesk = await host.SignedInClientAsync("frontdesk");

        // Monday 10:00: four working days and one of the day's seven office hours used, six hours left (0.9 of a day).
        var row = Pages.PermitPagesTests.RowOf(await frontDesk.GetStringAsync("/intake"), stepId);
        row.Should().Contain("class=\"level-row-warning\"").And.Contain(">预警<").And.Contain("还剩 0.9 个工作日")
            .And.Contain("到期 2025-10-13 17:30").And.NotContain("超期");
        Pages.PermitPagesTests.RowOf(await frontDesk.GetStringAsync("/intake?culture=en"), stepId).Should().Contain(">Warning<").And.Contain("0.9 working days left");

        (await frontDesk.GetStringAsync("/intake")).Should().NotContain($"data-case=\"{host.DeemedCaseId}\"", "the deemed case left the window");
    }
}
