using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net.CalendarComponents;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;
using IcalCalendar = Ical.Net.Calendar;

namespace Workflow.Host.Tests.Supervision;

/// <summary>
/// Deadline calendar feeds (docs/ledger-and-feeds.md, Deadline calendar feeds) read back with Ical.Net: an agent's feed
/// holds exactly the due instants the case API shows for their case and nothing of another agent's; a department's feed
/// its steps'; a revoked token is 404.
/// </summary>
public sealed class DeadlineFeedTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task An_agents_feed_lists_the_due_instants_of_their_open_cases_only_and_a_revoked_token_is_404()
    {
        host.Clock.Set(Instant.FromUtc(2025, 11, 3, 2, 0)); // Monday 10:00 in Shanghai
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var agent2 = await host.AsUserAsync("agent2");
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        using var rf = await host.AsUserAsync("reviewer-rf");
        using var anonymous = host.CreateClient();
        var mine = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        var theirs = (await agent2.ApplyAsync(await agent2.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        foreach (var caseId in new[] { mine, theirs })
            (await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" })).Text("caseState").Should().Be("InReview");

        var made = await (await agent.PostAsJsonAsync("/api/feeds", new { label = "手机日历" })).JsonAsync(HttpStatusCode.Created);
        var url = new Uri(made.Text("url"));
        url.AbsolutePath.Should().Be($"/feeds/{made.Text("token")}.ics");
        (await agent.GetJsonAsync("/api/feeds")).EnumerateArray().Should().ContainSingle(t => t.GetProperty("id").GetInt64() == made.GetProperty("id").GetInt64())
            .Which.TryGetProperty("token", out var listed).Should().BeTrue();
        listed.ValueKind.Should().Be(JsonValueKind.Null, "a token is shown only when it is made");

        var response = await anonymous.GetAsync(url.PathAndQuery);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var text = await response.Content.ReadAsStringAsync();
        var events = IcalCalendar.Load(text)!.Events.ToList();

        // The expected instants come from the case API: the case's two clocks and each open step's.
        var snapshot = await agent.GetJsonAsync($"/api/cases/{mine}");
        snapshot.Text("state").Should().Be("InReview", snapshot.ToString());
        var expected = Dues(snapshot.GetProperty("clocks")).ToList();
        foreach (var step in snapshot.GetProperty("steps").EnumerateArray().Where(s => s.Text("state") == "Open" && s.GetProperty("clocks").ValueKind == JsonValueKind.Object))
            expected.AddRange(Dues(step.GetProperty("clocks")));
        expected.Count.Should().BeGreaterThan(2, "the case's two clocks and those of its open joint-review steps");
        events.Select(e => e.Start!.AsUtc).Should().BeEquivalentTo(expected);
        events.Should().OnlyContain(e => e.Properties.Get<string>("X-WORKFLOW-CASE") == mine && e.Url!.AbsolutePath == $"/cases/{mine}");
        events.Select(e => e.Uid).Should().OnlyHaveUniqueItems();
        text.Should().NotContain(theirs);

        // A department's feed: rf's steps of both cases, nobody else's steps.
        var rfFeed = await (await rf.PostAsJsonAsync("/api/feeds", new { })).JsonAsync(HttpStatusCode.Created);
        var rfEvents = IcalCalendar.Load(await anonymous.GetStringAsync(new Uri(rfFeed.Text("url")).PathAndQuery))!.Events.ToList();
        var rfSteps = new[] { mine, theirs }.Select(c => admin.OpenStepAsync(c, "rf")).Select(t => t.Result.Id()).ToList();
        rfEvents.Select(e => e.Uid!.Split('|')[2]).Distinct()
            .Should().BeEquivalentTo(rfSteps, "the stage-4 cases are led by another department, so rf has only its steps");

        // Revoked: the URL is 404; another agent cannot revoke it (404), the designer has no feeds (403).
        using var designer = await host.AsUserAsync(Roles.Designer);
        await (await designer.PostAsJsonAsync("/api/feeds", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await agent2.DeleteAsync($"/api/feeds/{made.GetProperty("id").GetInt64()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await agent.DeleteAsync($"/api/feeds/{made.GetProperty("id").GetInt64()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await anonymous.GetAsync(url.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/feeds/not-a-token.ics")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The page makes one and shows its URL once.
        using var pages = await host.SignedInClientAsync(Roles.Agent);
        (await pages.GetStringAsync("/feeds")).Should().Contain($"data-feed=\"{made.GetProperty("id").GetInt64()}\"");
    }

    private static IEnumerable<DateTime> Dues(JsonElement clocks) =>
        clocks.ValueKind != JsonValueKind.Object ? throw new InvalidOperationException("no clocks: " + clocks)
        : new[] { "statutory", "promised" }.Where(c => clocks.GetProperty(c).ValueKind == JsonValueKind.Object)
            .Select(c => DateTime.Parse(clocks.GetProperty(c).Text("due"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
}
