using Microsoft.Playwright;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// One Host server and one headless Debian Chromium for all browser tests (starting either is slow). The Playwright
/// browser download does not work here, so Playwright drives <see cref="OutsidePart.ChromiumPath"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public HostServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!OutsidePart.HasChromium)
            return; // the tests skip (or, under CI, fail) through [ChromiumFact]
        // The browser's Host shares this process's thread pool with every other test collection's hosts, whose SQLite
        // calls block pool threads while they run. In a full CI run the booking page's second load committed its URL and
        // then did not finish loading within 60 s (the headers had arrived, the load event never came). A starved pool, on
        // 2 cores where the pool starts with 2 threads, was the first guess; it did not fix that failure (note of 2026-12-01).
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completions, 64));
        Server = await HostServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = OutsidePart.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page, at a desktop size.</summary>
    public async Task<Microsoft.Playwright.IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>Signs in through the sign-in page as <paramref name="userName"/> and waits for the page it lands on.</summary>
    public async Task SignInAsync(IPage page, string userName, string returnUrl = "/")
    {
        await page.GotoAsync($"{Server.BaseUrl}/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#signin");
        await WaitForDocumentAsync(page, url => !url.Contains("/signin"));
    }

    /// <summary>
    /// Opens <paramref name="url"/> and waits until its document has loaded, by <see cref="WaitForDocumentAsync"/>
    /// rather than GotoAsync's own wait for the load event (missed in full CI runs, see there).
    /// </summary>
    public static async Task GoAsync(IPage page, string url)
    {
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await WaitForDocumentAsync(page, _ => true);
    }

    /// <summary>
    /// Waits until the page is at a URL <paramref name="arrived"/> accepts and its document has loaded, asking the page
    /// itself (<c>document.readyState</c>) rather than waiting for Playwright's load event: in full CI runs that event
    /// was missed (the URL had arrived and "networkidle" had fired, yet WaitForURLAsync waited 60 s for "load").
    /// </summary>
    public static async Task WaitForDocumentAsync(IPage page, Func<string, bool> arrived)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (arrived(page.Url))
            {
                try
                {
                    if (await page.EvaluateAsync<bool>("() => document.readyState === 'complete'")) return;
                }
                catch (PlaywrightException)
                {
                    // the document went away mid-evaluation: a navigation is under way
                }
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"The page did not arrive within 60 s: it is at {page.Url}.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
