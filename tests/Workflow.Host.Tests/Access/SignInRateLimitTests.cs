using System.Net;
using System.Net.Http.Json;

namespace Workflow.Host.Tests.Access;

/// <summary>
/// The sign-in request limit per client (docs/deployment.md, "Sign-in throttling"): ASP.NET Core's rate limiter caps
/// attempts a minute whatever their outcome, on the token endpoint and the sign-in page alike, with a 429 in the
/// caller's language. (The failure lockouts are tested in ProductionPostureTests and SharedSignInLockoutTests.)
/// </summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task The_fourth_sign_in_in_a_minute_from_one_client_is_429_even_with_the_right_password()
    {
        await using var host = new ThreePerMinuteSignIns();
        using var client = host.Anonymous();
        for (var i = 0; i < 3; i++)
            (await SignInAsync(client, "agent1", "demo")).StatusCode.Should().Be(HttpStatusCode.OK, "three a minute are allowed");

        var fourth = await SignInAsync(client, "agent1", "demo");

        var problem = await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("title").GetString().Should().Be("登录尝试过于频繁。");
        fourth.Headers.RetryAfter!.Delta.Should().BePositive();
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { username = "agent1", password = "demo" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        (await (await client.SendAsync(english)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))
            .GetProperty("title").GetString().Should().Be("Too many sign-in attempts.");
        (await client.GetAsync("/signin")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the sign-in page shares the client's allowance");
    }

    [Fact]
    public async Task Other_endpoints_do_not_count_against_the_sign_in_allowance()
    {
        await using var host = new ThreePerMinuteSignIns();
        using var client = host.Anonymous();
        for (var i = 0; i < 10; i++)
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await SignInAsync(client, "agent1", "demo")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username = user, password });

    private sealed class ThreePerMinuteSignIns : HostFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SignInThrottle:RequestsPerMinute"] = "3" };
    }
}
