using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>Signing a demo user (password <c>demo</c>) in to a <see cref="HostServer"/>: by token for the API, by the sign-in page for the browser.</summary>
internal static class DemoSignIn
{
    /// <summary>An API client carrying <paramref name="user"/>'s bearer token.</summary>
    public static async Task<HttpClient> ClientAsync(HostServer server, string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "demo" });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A new page of <paramref name="browser"/> signed in as <paramref name="user"/> through the sign-in form.</summary>
    public static async Task<IPage> SignedInPageAsync(BrowserFixture browser, HostServer server, string user)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GoAsync(page, $"{server.BaseUrl}/signin?returnUrl=%2F");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#signin");
        await BrowserFixture.WaitForDocumentAsync(page, url => !url.Contains("/signin"));
        return page;
    }
}
