using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Tests.Cluster;

/// <summary>
/// Two hosts on one database count a user name's failed sign-ins together (docs/deployment.md, "Production posture"):
/// guesses spread over them lock the name as they would on one host.
/// </summary>
public sealed class SharedSignInLockoutTests : IDisposable
{
    private readonly HostFactory _a = new();
    private readonly SecondHost _b;

    public SharedSignInLockoutTests() => _b = new SecondHost(_a);

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username = user, password });

    [Fact]
    public async Task Wrong_passwords_split_across_two_hosts_lock_the_user_name_on_both()
    {
        using var a = _a.Anonymous();
        using var b = _b.Anonymous();
        var answers = new List<HttpStatusCode>();
        // Five failures, the limit, alternating hosts: neither host alone saw more than three.
        for (var i = 0; i < 5; i++)
            answers.Add((await SignInAsync(i % 2 == 0 ? a : b, "designer", $"guess-{i}")).StatusCode);
        answers.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);

        var onB = await SignInAsync(b, "designer", "demo");
        var problem = await onB.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().Should().Contain("登录失败次数过多").And.NotContain("Too many", "one answer, one language: Chinese without Accept-Language");
        onB.Headers.RetryAfter!.Delta.Should().BePositive();
        await (await SignInAsync(a, "designer", "demo")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await SignInAsync(b, "admin", "demo")).StatusCode.Should().Be(HttpStatusCode.OK, "only the guessed name is locked");

        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var locks = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM audit_entries WHERE action = 'signin.locked' AND actor = 'designer'").SingleAsync();
        locks.Should().Be(1, "exactly one host sets the lock and audits it");
    }

    [Fact]
    public async Task A_right_password_on_one_host_clears_the_failures_counted_on_the_other()
    {
        using var a = _a.Anonymous();
        using var b = _b.Anonymous();
        for (var i = 0; i < 4; i++)
            (await SignInAsync(a, "designer", $"guess-{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SignInAsync(b, "designer", "demo")).StatusCode.Should().Be(HttpStatusCode.OK);

        for (var i = 0; i < 4; i++)
            (await SignInAsync(a, "designer", $"again-{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the count started again");
        (await SignInAsync(a, "designer", "demo")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
