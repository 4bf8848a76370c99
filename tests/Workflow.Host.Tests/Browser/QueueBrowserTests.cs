using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Queueing;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Host.Tests.Queueing;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The queue in Chromium (docs/queueing.md): an agent books, checks in at the kiosk page, a clerk calls the ticket on the
/// window page, the hall's display shows the call within a second (measured), and the clerk opens the intake of the
/// project from the ticket; finishing records the case accepted meanwhile. Screenshots of the window and the display.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QueueBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task An_agent_checks_in_a_clerk_calls_the_display_shows_it_within_a_second_and_the_clerk_opens_the_intake()
    {
        var server = browser.Server;
        using var agent = await DemoSignIn.ClientAsync(server, "agent1");
        using var admin = await DemoSignIn.ClientAsync(server, "admin");
        using var frontdesk = await DemoSignIn.ClientAsync(server, "frontdesk");
        var projectId = await agent.CreateProjectAsync(name: "滨江叫号示范项目");
        string projectCode;
        await using (var projects = await server.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            projectCode = await projects.Set<Workflow.Definitions.Persistence.ProjectRow>().Where(p => p.Id == projectId).Select(p => p.Code).SingleAsync();
        var caseId = (await agent.ApplyAsync(projectId, Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        var holder = QueueHostData.IdNumber(4242, born: "19850612");
        await BookAsync(server, agent, holder);

        // The kiosk: check in with the booked ID number and the project code.
        var kiosk = await browser.NewPageAsync();
        await BrowserFixture.GoAsync(kiosk, $"{server.BaseUrl}/queue/kiosk/HQ");
        await kiosk.SelectOptionAsync("#check-in-category", "PERMIT");
        await kiosk.FillAsync("#check-in-id", holder);
        await kiosk.FillAsync("#check-in-project", projectCode);
        await kiosk.ClickAsync("#check-in");
        await kiosk.WaitForSelectorAsync("#ticket-number");
        var number = (await kiosk.TextContentAsync("#ticket-number"))!.Trim();
        number.Should().MatchRegex("^A[0-9]{3}$");
        (await kiosk.ContentAsync()).Should().NotContain(holder, "the ID number is not shown back");

        var display = await browser.NewPageAsync();
        await BrowserFixture.GoAsync(display, $"{server.BaseUrl}/queue/display/HQ");
        (await display.TextContentAsync("h1")).Should().Contain("区政务服务中心");

        var clerk = await DemoSignIn.SignedInPageAsync(browser, server, "frontdesk");
        await BrowserFixture.GoAsync(clerk, $"{server.BaseUrl}/queue/window/HQ/1");
        (await clerk.TextContentAsync("#waiting")).Should().Contain(number);
        // Measured by the browser's own clock (both pages run on this machine): from just before the clerk's click — so
        // the window's POST, the claim's commit, the stream's poll and the event are all inside — to the moment the
        // display's script has drawn the call (#status data-updated). Playwright's own round trips stay outside.
        var sinceClick = Stopwatch.StartNew();
        var clicked = await clerk.EvaluateAsync<double>("() => Date.now()");
        await clerk.ClickAsync("#call-next");
        await display.WaitForFunctionAsync("n => document.getElementById('now-call').textContent.includes(n)", number,
            new PageWaitForFunctionOptions { Timeout = 5000, PollingInterval = 20 });
        sinceClick.Stop();
        var drawn = double.Parse((await display.GetAttributeAsync("#status", "data-updated"))!, System.Globalization.CultureInfo.InvariantCulture);
        var latency = TimeSpan.FromMilliseconds(drawn - clicked);
        Console.WriteLine($"queue display (browser): click to call drawn on the display {latency.TotalMilliseconds:0} ms (as the test saw it: {sinceClick.Elapsed.TotalMilliseconds:0} ms)");
        latency.Should().BeLessThan(TimeSpan.FromSeconds(1), "the display shows the call within a second of the clerk's click");
        (await display.TextContentAsync("#current")).Should().Contain(number);
        await clerk.WaitForSelectorAsync("#serving-number");
        (await clerk.TextContentAsync("#serving-number")).Should().Be(number);
        await PageShots.SaveAsync(clerk, "queue-window");
        await PageShots.SaveAsync(display, "queue-display");

        // One click from the ticket to the intake of the holder's project; the clerk accepts there.
        await clerk.ClickAsync("#open-intake");
        await BrowserFixture.WaitForDocumentAsync(clerk, url => url.Contains("/intake"));
        await clerk.WaitForSelectorAsync($"#intake tr[data-case='{caseId}']");
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        await clerk.GoBackAsync();
        await clerk.ClickAsync("#finish");
        await clerk.WaitForSelectorAsync("#call-next");

        await using var db = await server.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var ticket = await db.Set<QueueTicketRow>().SingleAsync(t => t.Number == number && t.Hall == "HQ");
        (ticket.State, ticket.Cases).Should().Be((TicketState.Served, caseId), "the ticket records the case accepted while it was served");
    }

    // The agent books through the appointments' API (docs/appointments.md): today's 10:00 slot of the main hall, for the
    // person who will come; check-in opens an hour before the slot.
    private static async Task BookAsync(HostServer server, HttpClient agent, string idNumber)
    {
        var today = server.Clock.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var response = await agent.PostAsJsonAsync("/api/appointments", new
        {
            hall = "HQ", category = "PERMIT", date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), start = "10:00",
            name = "王建国", mobile = "13812345678", idNumber,
        });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
