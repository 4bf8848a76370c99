using System.Net;
using Workflow.Testing;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;
using IcalCalendar = Ical.Net.Calendar;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The deadline calendar feeds page in Chromium (docs/ledger-and-feeds.md, "Deadline calendar feeds"): an agent makes a
/// feed URL, a calendar app (here an anonymous HTTP client and Ical.Net) reads the case's due times from it, and after
/// the agent revokes it on the page the URL answers 404. Saves the README's screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedsBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task An_agent_makes_a_feed_on_the_page_a_calendar_reads_it_and_a_revoked_feed_is_gone()
    {
        await using var server = await HostServer.StartAsync();
        using var agentApi = await DemoSignIn.ClientAsync(server, "agent1");
        using var admin = await DemoSignIn.ClientAsync(server, "admin");
        using var frontdesk = await DemoSignIn.ClientAsync(server, "frontdesk");
        var caseId = (await agentApi.ApplyAsync(await agentApi.CreateProjectAsync(name: "滨江示范学校竣工验收"), Stage.CompletionAcceptance)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        var caseNumber = (await agentApi.GetJsonAsync($"/api/cases/{caseId}")).Text("caseNumber");

        var agent = await DemoSignIn.SignedInPageAsync(browser, server, "agent1");
        await BrowserFixture.GoAsync(agent, $"{server.BaseUrl}/feeds");
        await agent.FillAsync("#create-feed input[name='Label']", "手机日历");
        await agent.ClickAsync("#create-feed button[type='submit']");
        var url = new Uri((await agent.TextContentAsync("#feed-url"))!.Trim());
        url.AbsolutePath.Should().StartWith("/feeds/").And.EndWith(".ics");
        var row = agent.Locator("#feeds tbody tr[data-revoked='false']");
        (await row.CountAsync()).Should().Be(1);
        await PageShots.SaveAsync(agent, "feeds");

        using var calendarApp = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var text = await calendarApp.GetStringAsync(url.PathAndQuery);
        var events = IcalCalendar.Load(text)!.Events.ToList();
        // The demo server seeds agent1's demo cases too; this case's running clocks are among the due times.
        var ofCase = events.Where(e => e.Url!.AbsolutePath == $"/cases/{caseId}").ToList();
        ofCase.Should().NotBeEmpty("the accepted case has running clocks");
        ofCase.Should().OnlyContain(e => e.Summary!.Contains(caseNumber), "a due time names the case by the number people read out");

        await row.Locator("button[type='submit']").ClickAsync();
        await agent.WaitForSelectorAsync("#feeds tbody tr[data-revoked='true']");
        (await calendarApp.GetAsync(url.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
