using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.Host.Tests.Cluster;

/// <summary>A second host on the first one's database (a SQLite file, or PostgreSQL under WORKFLOW_TEST_DATABASE=postgresql).</summary>
public sealed class SecondHost(HostFactory first) : HostFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Workflow"] = first.ConnectionString,
    };

    public override bool OnPostgreSql => first.OnPostgreSql;
}

/// <summary>
/// Two hosts on one database share the data-protection key ring (docs/deployment.md, "Several hosts"): a page signed in
/// on host A is served by host B, and a form served by A is accepted by B (antiforgery).
/// </summary>
public sealed class SharedDataProtectionTests : IDisposable
{
    private readonly HostFactory _a = new();
    private readonly SecondHost _b;

    public SharedDataProtectionTests() => _b = new SecondHost(_a);

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    [Fact]
    public async Task A_cookie_and_a_form_of_host_a_are_accepted_by_host_b()
    {
        var jar = new Jar();
        await SignInAsync(_a, jar);
        var form = await jar.SendAsync(_a, HttpMethod.Get, "/bindings");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = Token(await form.Content.ReadAsStringAsync());

        // Host B starts now, on A's database, after A made its key; it has never seen this browser.
        (await jar.SendAsync(_b, HttpMethod.Get, "/bindings")).StatusCode.Should().Be(HttpStatusCode.OK, "host B reads host A's sign-in cookie");
        // The sign-out form posted to B with A's antiforgery token: a redirect, not the 400 of a token B cannot read.
        var signedOut = await jar.SendAsync(_b, HttpMethod.Post, "/signout", new() { ["__RequestVerificationToken"] = token });
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.ToString().Should().NotContain("signin?returnUrl");
    }

    [Fact]
    public async Task A_host_with_its_own_database_does_not_read_the_cookie()
    {
        var jar = new Jar();
        await SignInAsync(_a, jar);
        using var other = new HostFactory();
        var answer = await jar.SendAsync(other, HttpMethod.Get, "/bindings");
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect, "another key ring cannot read the cookie, so the page asks to sign in");
    }

    private static async Task SignInAsync(HostFactory host, Jar jar)
    {
        var form = await jar.SendAsync(host, HttpMethod.Get, "/signin");
        var signedIn = await jar.SendAsync(host, HttpMethod.Post, "/signin", new()
        {
            ["username"] = "admin",
            ["password"] = "demo",
            ["__RequestVerificationToken"] = Token(await form.Content.ReadAsStringAsync()),
        });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static string Token(string html)
    {
        var match = Regex.Match(html, """name="__RequestVerificationToken"[^>]*value="([^"]+)""");
        match.Success.Should().BeTrue("the page carries an antiforgery token");
        return match.Groups[1].Value;
    }

    /// <summary>One browser's cookies, sent to whichever host it talks to (as behind a load balancer without sticky sessions).</summary>
    private sealed class Jar
    {
        private readonly Dictionary<string, string> _cookies = [];

        public async Task<HttpResponseMessage> SendAsync(HostFactory host, HttpMethod method, string path, Dictionary<string, string>? form = null)
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
    }
}
