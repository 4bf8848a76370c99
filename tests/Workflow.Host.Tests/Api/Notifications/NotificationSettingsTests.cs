using System.Net;
using System.Net.Http.Json;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Notifications;

/// <summary>A user's notification preferences over HTTP (docs/notifications.md, Preferences): each user's own; bad input names the field.</summary>
public sealed class NotificationSettingsTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task A_user_saves_which_kinds_also_come_by_email_and_reads_them_back_and_another_user_is_unaffected()
    {
        using var agent = await host.AsUserAsync("agent1");
        var saved = await agent.PutAsJsonAsync("/api/notifications/settings", new { email = "agent1@example.cn", language = "en", emailKinds = new[] { "result-issued", "notice-issued" } });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var read = await agent.GetJsonAsync("/api/notifications/settings");
        read.GetProperty("email").GetString().Should().Be("agent1@example.cn");
        read.GetProperty("language").GetString().Should().Be("en");
        // Kept in the order the kinds are listed, whatever order they were sent in.
        read.GetProperty("emailKinds").EnumerateArray().Select(k => k.GetString()).Should().Equal("notice-issued", "result-issued");
        read.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).Should().Contain(["accepted", "card", "urging"]);

        using var other = await host.AsUserAsync("agent2");
        var theirs = await other.GetJsonAsync("/api/notifications/settings");
        theirs.GetProperty("emailKinds").GetArrayLength().Should().Be(0);
        theirs.GetProperty("email").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Bad_settings_are_a_problem_naming_each_field()
    {
        using var agent = await host.AsUserAsync("agent2");
        var problem = await (await agent.PutAsJsonAsync("/api/notifications/settings", new { email = "not an address", language = "fr", emailKinds = new[] { "nope" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["email", "language", "emailKinds"]);

        var noAddress = await (await agent.PutAsJsonAsync("/api/notifications/settings", new { emailKinds = new[] { "accepted" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noAddress.GetProperty("errors").GetProperty("email")[0].GetString().Should().Be("选择邮件通知须填写电子邮箱", "Chinese without Accept-Language, and only Chinese");
        using var english = new HttpRequestMessage(HttpMethod.Put, "/api/notifications/settings") { Content = JsonContent.Create(new { emailKinds = new[] { "accepted" } }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        (await (await agent.SendAsync(english)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("email")[0].GetString()
            .Should().Be("An e-mail address is needed for e-mail notifications.");
        (await host.Anonymous().GetAsync("/api/notifications/settings")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
