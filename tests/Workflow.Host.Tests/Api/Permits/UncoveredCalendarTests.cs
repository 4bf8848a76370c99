using System.Net;
using System.Net.Http.Json;
using NodaTime;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// The shipped cn-mainland calendar covers 2020–2030 (docs/calendars.md). Filing or accepting in 2031 is refused with
/// a 422 naming the year, in the request's language, and the case stays as it was (issue #13: it used to be a 500, and
/// acceptance a 200 that left the case Submitted with a faulted instance).
/// </summary>
public sealed class UncoveredCalendarTests(UncoveredCalendarTests.Host host) : IClassFixture<UncoveredCalendarTests.Host>
{
    /// <summary>Its own host: these tests move the clock past the calendar.</summary>
    public sealed class Host : HostFactory;

    private static readonly Instant Covered = Instant.FromUtc(2026, 7, 6, 2, 0);
    private static readonly Instant In2031 = Instant.FromUtc(2031, 3, 3, 2, 0);

    // Tokens are issued on the injected clock: sign in again after moving it.
    [Fact]
    public async Task Filing_in_a_year_the_calendar_does_not_cover_is_422_naming_the_year_in_both_languages()
    {
        host.Clock.Set(Covered);
        string projectId;
        using (var before = await host.AsUserAsync("agent1")) projectId = await before.CreateProjectAsync();
        host.Clock.Set(In2031);
        try
        {
            using var agent = await host.AsUserAsync("agent1");
            var body = new { stage = "CompletionAcceptance", materials = PermitApiDriver.MaterialsOf(Stage.CompletionAcceptance) };
            var zh = await (await agent.PostAsJsonAsync($"/api/projects/{projectId}/applications", body)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            zh.GetProperty("errors").GetProperty("calendar")[0].GetString().Should().Be("工作日历未覆盖 2031 年，请先导入该年日历");

            using var english = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/applications") { Content = JsonContent.Create(body) };
            english.Headers.AcceptLanguage.ParseAdd("en");
            var en = await (await agent.SendAsync(english)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            en.GetProperty("errors").GetProperty("calendar")[0].GetString().Should().Be("the working calendar does not cover 2031: import that year's calendar first");

            (await agent.GetJsonAsync($"/api/projects/{projectId}")).GetProperty("cases").GetArrayLength().Should().Be(0, "nothing was filed");
        }
        finally
        {
            host.Clock.Set(Covered);
        }
    }

    [Fact]
    public async Task Filing_whose_intake_clock_would_end_past_the_calendar_is_422_naming_the_next_year()
    {
        host.Clock.Set(Covered);
        string projectId;
        using (var before = await host.AsUserAsync("agent1")) projectId = await before.CreateProjectAsync();
        host.Clock.Set(Instant.FromUtc(2030, 12, 30, 2, 0)); // five working days after 30 December fall in 2031
        try
        {
            using var agent = await host.AsUserAsync("agent1");
            var problem = await (await agent.PostAsJsonAsync($"/api/projects/{projectId}/applications",
                new { stage = "CompletionAcceptance", materials = PermitApiDriver.MaterialsOf(Stage.CompletionAcceptance) })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("errors").GetProperty("calendar")[0].GetString().Should().Contain("2031");
        }
        finally
        {
            host.Clock.Set(Covered);
        }
    }

    [Fact]
    public async Task Accepting_in_a_year_the_calendar_does_not_cover_is_422_and_the_case_stays_at_intake_and_can_be_accepted_later()
    {
        host.Clock.Set(Covered);
        using var agent = await host.AsUserAsync("agent1");
        using var frontDesk = await host.AsUserAsync("frontdesk");
        var projectId = await agent.CreateProjectAsync();
        var file = await agent.ApplyAsync(projectId, Stage.CompletionAcceptance);
        var intake = file.GetProperty("openSteps")[0].Id();
        host.Clock.Set(In2031);
        try
        {
            using var frontDeskIn2031 = await host.AsUserAsync("frontdesk");
            var problem = await (await frontDeskIn2031.PostAsJsonAsync($"/api/steps/{intake}/actions", new { outcome = "Accepted" }))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("errors").GetProperty("calendar")[0].GetString().Should().Be("工作日历未覆盖 2031 年，请先导入该年日历");
            (await frontDeskIn2031.GetJsonAsync($"/api/cases/{file.Id()}")).Text("state").Should().Be("Submitted");
        }
        finally
        {
            host.Clock.Set(Covered);
        }

        // The instance did not fault: back on a covered day the same step is accepted.
        (await frontDesk.ActAsync(intake, new { outcome = "Accepted" })).Text("caseState").Should().Be("InReview");
    }
}
