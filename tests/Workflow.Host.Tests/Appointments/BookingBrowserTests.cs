using Microsoft.Playwright;
using Workflow.Host.Tests.Browser;
using Workflow.Testing;

namespace Workflow.Host.Tests.Appointments;

/// <summary>
/// The booking page in Chromium (docs/appointments.md, *Pages*): a member of the public books in Chinese; an agent books in
/// English, finds it under "my appointments" and cancels it. The booking page's screenshot is the README's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task The_public_books_a_slot_in_Chinese()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/appointments?culture=zh-CN");
        await ChooseAsync(page, "#hall", "HQ", "hall=HQ");
        await ChooseAsync(page, "#category", "PERMIT", "category=PERMIT");
        var day = page.Locator("#days a").Nth(1); // the next working day after the first bookable one
        var date = await day.GetAttributeAsync("data-date");
        await day.ClickAsync();
        await BrowserFixture.WaitForDocumentAsync(page, url => url.Contains($"date={date}"));
        var slot = page.Locator("#slots label:not(.full)").First;
        var start = await slot.GetAttributeAsync("data-start");
        var left = await slot.Locator(".left").TextContentAsync();
        left.Should().StartWith("余 ");
        await slot.Locator("input").CheckAsync();
        await page.FillAsync("#name", "张三");
        await page.FillAsync("#mobile", "13812345678");
        await page.FillAsync("#id-number", "11010519491231002X");
        await page.ClickAsync("#book");

        await page.WaitForSelectorAsync("#booked");
        (await page.TextContentAsync("#booked")).Should().Contain("预约成功").And.Contain("区政务服务中心").And.Contain("工程建设项目综合受理").And.Contain("张* 138****5678");
        (await page.TextContentAsync("#booked-slot")).Should().StartWith($"{date} {start}");
        var remaining = int.Parse((await page.Locator($"#slots label[data-start='{start}'] .left").TextContentAsync())!.Replace("余 ", ""));
        remaining.Should().Be(int.Parse(left!.Replace("余 ", "")) - 1);
        (await page.TextContentAsync("#mine-list")).Should().Contain("已预约");
        (await page.ContentAsync()).Should().NotContain("11010519491231002X");
        await PageShots.SaveAsync(page, "appointments-booking");
    }

    [ChromiumFact]
    public async Task An_agent_books_in_English_and_cancels_it()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "agent2", "/appointments?culture=en");
        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/appointments?hall=GX&category=BUSINESS&culture=en");
        (await page.TextContentAsync("h1")).Should().Be("Book an appointment");
        var slot = page.Locator("#slots label:not(.full)").Nth(2);
        (await slot.Locator(".left").TextContentAsync()).Should().EndWith(" left");
        await slot.Locator("input").CheckAsync();
        await page.FillAsync("#name", "Li Si");
        await page.FillAsync("#mobile", "13912345678");
        await page.FillAsync("#id-number", "110101199003074477");
        await page.ClickAsync("#book");

        await page.WaitForSelectorAsync("#booked");
        (await page.TextContentAsync("#booked")).Should().Contain("Booked").And.Contain("Hi-Tech Zone Service Branch").And.Contain("Starting a business");
        var id = (await page.TextContentAsync("#booked-id"))!.Trim();
        var row = page.Locator($"#mine-list tr[data-appointment='{id}']");
        (await row.Locator(".state").TextContentAsync()).Should().Be("Booked");
        await row.Locator("button.cancel").ClickAsync();
        await page.WaitForSelectorAsync("#cancelled");
        (await page.Locator($"#mine-list tr[data-appointment='{id}'] .state").TextContentAsync()).Should().Be("Cancelled");
    }

    // Choosing in a select submits the form (onchange); when the page does not arrive, say where the browser is instead of a bare timeout.
    private static async Task ChooseAsync(Microsoft.Playwright.IPage page, string select, string value, string expectedInUrl)
    {
        // Mark the current document, then wait until a document without the mark answers. Navigation events raced the
        // waiters in full CI runs (page.Url already held the new query while WaitForURLAsync, even with Commit, waited
        // 60 s), and a URL check alone passes too early when the old URL already holds the value (category=PERMIT is
        // the default, so the second choice's URL matched before its navigation).
        await page.EvaluateAsync("() => { window.__beforeChoice = true; }");
        await page.SelectOptionAsync(select, value);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await IsNewDocumentAsync(page))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"Choosing {value} in {select} did not load a new page within 60 s: the page is at {page.Url}, the select holds {await page.InputValueAsync(select, new() { Timeout = 5_000 })}.");
            await Task.Delay(50);
        }
        page.Url.Should().Contain(expectedInUrl);
        (await page.InputValueAsync(select)).Should().Be(value);
    }

    private static async Task<bool> IsNewDocumentAsync(Microsoft.Playwright.IPage page)
    {
        try
        {
            return await page.EvaluateAsync<bool>("() => document.readyState !== 'loading' && !window.__beforeChoice");
        }
        catch (PlaywrightException)
        {
            return false; // the old document's context was destroyed mid-evaluation: the navigation is under way
        }
    }
}
