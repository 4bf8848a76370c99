using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Workflow.Host.Tests.Api;

public sealed class TokenEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Good_credentials_give_a_token_expiring_eight_hours_after_the_clock_in_the_jurisdictions_offset()
    {
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "designer", password = "demo" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("token").GetString().Should().NotBeNullOrEmpty();
        var expected = host.Clock.GetCurrentInstant() + Duration.FromHours(8);
        json.RootElement.GetProperty("expiresAt").GetString().Should()
            .Be(expected.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToString("uuuu-MM-dd'T'HH:mm:ss", null) + "+08:00");
    }

    [Fact]
    public async Task User_names_are_case_insensitive()
    {
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "Designer", password = "demo" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("designer", "wrong")]
    [InlineData("nobody", "demo")]
    [InlineData("designer", "DEMO")]
    public async Task Wrong_credentials_are_401_problem_details_that_do_not_say_which_part_was_wrong(string username, string password)
    {
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().Should().Be("用户名或密码错误。", "the API answers in Chinese without Accept-Language");

        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { username, password }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await client.SendAsync(english)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        inEnglish.GetProperty("title").GetString().Should().Be("Wrong user name or password.");
        inEnglish.GetProperty("detail").GetString().Should().Be("No user has this name and password.");
    }

    [Fact]
    public async Task Missing_fields_are_400_with_errors_keyed_by_field()
    {
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("username", out _).Should().BeTrue();
        errors.TryGetProperty("password", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_naming_the_field_never_500()
    {
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/auth/token",
            new StringContent("""{"username": 42, "password": "demo"}""", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("username", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_token_is_refused_once_the_clock_passes_its_expiry_and_accepted_just_before()
    {
        var factory = new HostFactory();
        await using var _ = factory;
        var token = await factory.TokenAsync("agent1");
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        factory.Clock.Advance(Duration.FromHours(8) - Duration.FromSeconds(1));
        (await client.GetAsync("/api/departments")).StatusCode.Should().Be(HttpStatusCode.OK);

        factory.Clock.Advance(Duration.FromSeconds(1));
        await (await client.GetAsync("/api/departments")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var other = new KeyedHostFactory("another-signing-key-of-at-least-32-characters");
        await using var _ = other;
        var foreignToken = await other.TokenAsync("admin");

        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", foreignToken);
        await (await client.GetAsync("/api/departments")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private sealed class KeyedHostFactory(string key) : HostFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:SigningKey"] = key };
    }
}
