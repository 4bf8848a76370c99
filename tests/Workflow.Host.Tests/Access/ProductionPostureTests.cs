using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Tests.Access;

/// <summary>What a public deployment must not ship with (issue #15): demo accounts, a user list, unlimited guessing, stale claims.</summary>
public sealed class ProductionPostureTests
{
    private const string ProductionKey = "a-production-secret-that-is-long-enough-1234";

    private sealed class ProductionHost(params (string Key, string? Value)[] settings) : HostFactory
    {
        protected override string Environment => "Production";
        protected override IReadOnlyDictionary<string, string?> Settings =>
            settings.Append((Key: "Auth:SigningKey", Value: (string?)ProductionKey)).ToDictionary(s => s.Key, s => s.Value);
    }

    /// <summary>A host whose user directory a test changes while tokens are out.</summary>
    private sealed class ChangingDirectoryHost : HostFactory
    {
        public readonly ChangingDirectory Users = new();
        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IUserDirectory>(Users);
    }

    private sealed class ChangingDirectory : IUserDirectory
    {
        private static readonly PasswordHash Hash = PasswordHash.Create("demo");
        public AppUser Reviewer { get; set; } = new("reviewer-rf", "人防审查员", UserRole.Reviewer, "rf");
        public AppUser Admin { get; set; } = new("admin", "管理员", UserRole.Admin);
        private IEnumerable<AppUser> All => [Reviewer, Admin];
        public ValueTask<AppUser?> FindAsync(string userName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(All.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase)));
        public async ValueTask<AppUser?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken = default) =>
            Hash.Matches(password) ? await FindAsync(userName, cancellationToken) : null;
        public ValueTask<IReadOnlyList<AppUser>> ListAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyList<AppUser>>([.. All]);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username = user, password });

    [Fact]
    public async Task Production_without_demo_has_no_admin_or_demo_users_and_lists_no_one()
    {
        await using var host = new ProductionHost();
        using var client = host.Anonymous();

        foreach (var user in new[] { "admin", "agent1", "frontdesk" })
            await (await SignInAsync(client, user, "demo")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var page = await client.GetStringAsync("/signin");
        page.Should().NotContain("admin").And.NotContain("demo");
    }

    [Fact]
    public async Task Production_with_demo_asked_for_has_them_but_the_sign_in_page_still_lists_no_one()
    {
        await using var host = new ProductionHost(("Demo:Enabled", "true"));
        using var client = host.Anonymous();

        (await SignInAsync(client, "admin", "demo")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetStringAsync("/signin")).Should().NotContain("agent1").And.NotContain("password: demo");
    }

    [Fact]
    public async Task The_development_sign_in_page_lists_the_demo_users()
    {
        await using var host = new HostFactory();
        using var client = host.Anonymous();
        (await client.GetStringAsync("/signin")).Should().Contain("agent1");
    }

    [Fact]
    public async Task The_301st_wrong_password_is_throttled_and_so_is_the_right_one_until_the_window_passes()
    {
        await using var host = new HostFactory();
        using var client = host.Anonymous();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
            answers.Add((await SignInAsync(client, "admin", $"guess-{i}")).StatusCode);

        var right = await SignInAsync(client, "admin", "demo");

        answers.Take(4).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        answers.Skip(5).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests, "after 5 failures the user name is locked");
        var problem = await right.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().Should().Contain("登录失败次数过多").And.NotContain("Too many", "one answer, one language: Chinese without Accept-Language");
        right.Headers.RetryAfter!.Delta.Should().BePositive();
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { username = "admin", password = "demo" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await client.SendAsync(english)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        inEnglish.GetProperty("title").GetString().Should().Be("Too many failed sign-ins.");
        inEnglish.GetProperty("detail").GetString().Should().StartWith("Too many failed sign-ins: try again in").And.NotContain("登录");

        host.Clock.Advance(NodaTime.Duration.FromMinutes(16));
        (await SignInAsync(client, "admin", "demo")).StatusCode.Should().Be(HttpStatusCode.OK, "the lock ends with its window");
    }

    [Fact]
    public async Task One_client_guessing_many_user_names_is_throttled_too()
    {
        await using var host = new HostFactory();
        using var client = host.Anonymous();
        for (var i = 0; i < 30; i++)
            await SignInAsync(client, $"nobody-{i}", "guess");

        await (await SignInAsync(client, "designer", "demo")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_sign_in_page_says_so_in_the_user_s_language()
    {
        await using var host = new HostFactory();
        using var api = host.Anonymous();
        for (var i = 0; i < 5; i++)
            await SignInAsync(api, "designer", "guess");

        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin?culture=en");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "designer", ["password"] = "demo", ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins");
    }

    [Fact]
    public async Task A_changed_role_or_department_takes_effect_at_once()
    {
        await using var host = new ChangingDirectoryHost();
        using var admin = await host.AsUserAsync("admin");
        using var reviewer = await host.AsUserAsync("reviewer-rf");
        (await admin.GetAsync("/api/departments")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reviewer.GetAsync("/api/inbox")).StatusCode.Should().Be(HttpStatusCode.OK);

        host.Users.Admin = host.Users.Admin with { Role = UserRole.Agent };
        host.Users.Reviewer = host.Users.Reviewer with { DepartmentCode = "sw" };

        await (await admin.GetAsync("/api/departments")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await reviewer.GetAsync("/api/inbox")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var again = await host.AsUserAsync("reviewer-rf");
        (await again.GetAsync("/api/inbox")).StatusCode.Should().Be(HttpStatusCode.OK, "signing in again gives the directory's claims");
    }
}
