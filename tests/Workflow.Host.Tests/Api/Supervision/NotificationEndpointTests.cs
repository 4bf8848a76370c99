using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Scheduling;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>
/// The notification centre over HTTP (docs/api.md, Notifications): a case's cards reach its agent, the department's
/// reviewers and the supervisors, nobody else; read marks are each reader's own.
/// </summary>
public sealed class NotificationEndpointTests : IClassFixture<NotificationEndpointTests.CardedHost>
{
    private readonly CardedHost _host;

    public NotificationEndpointTests(CardedHost host) => _host = host;

    /// <summary>agent1's ZJJ-003 case accepted, then the clock 60 days on and one sweep: every clock carded.</summary>
    public sealed class CardedHost : HostFactory, IAsyncLifetime
    {
        public string CaseId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var agent = await AsUserAsync("agent1");
            using var frontdesk = await AsUserAsync("frontdesk");
            using var admin = await AsUserAsync("admin");
            CaseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
            await frontdesk.ActAsync((await admin.OpenStepAsync(CaseId, "frontdesk")).Id(), new { outcome = "Accepted" });
            Clock.Advance(Duration.FromDays(60));
            await Services.GetRequiredService<WorkflowScheduler>().FireDueAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData("agent1", true)]
    [InlineData("reviewer-zjj", true)]
    [InlineData("supervisor", true)]
    [InlineData("admin", true)]
    [InlineData("agent2", false)]
    [InlineData("reviewer-rf", false)]
    [InlineData("frontdesk", false)]
    [InlineData("designer", false)]
    public async Task A_card_reaches_the_agent_the_department_and_the_supervisors_only(string user, bool told)
    {
        using var client = await _host.AsUserAsync(user);
        var list = await client.GetJsonAsync("/api/notifications");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        if (!told)
        {
            items.Should().BeEmpty();
            list.GetProperty("unread").GetInt32().Should().Be(0);
            return;
        }
        // The step's two clocks and the case's two clocks, each yellow and red: 8 cards (the department sees the step's and
        // the case's, as zjj leads the case).
        // The agent was also told the case was accepted (docs/notifications.md); the others hear only of the cards.
        items.Where(i => i.GetProperty("kind").GetString() != "card").Select(i => i.GetProperty("kind").GetString())
            .Should().Equal(user == "agent1" ? ["accepted"] : Array.Empty<string>());
        var cards = items.Where(i => i.GetProperty("kind").GetString() == "card").ToList();
        cards.Should().HaveCount(8);
        items.Should().OnlyContain(i => i.GetProperty("caseId").GetString() == _host.CaseId);
        cards.Count(i => i.GetProperty("text").GetString()!.StartsWith("红牌")).Should().Be(4);
        cards.Count(i => i.GetProperty("text").GetString()!.StartsWith("黄牌")).Should().Be(4);
    }

    [Fact]
    public async Task Marking_read_is_per_reader_and_another_readers_notification_is_404()
    {
        using var supervisor = await _host.AsUserAsync("supervisor");
        using var agent2 = await _host.AsUserAsync("agent2");
        var before = await supervisor.GetJsonAsync("/api/notifications");
        var first = before.GetProperty("items")[0].GetProperty("id").GetInt64();

        (await agent2.PostAsync($"/api/notifications/{first}/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await supervisor.PostAsync($"/api/notifications/{first}/read", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await supervisor.GetJsonAsync("/api/notifications");
        after.GetProperty("unread").GetInt32().Should().Be(before.GetProperty("unread").GetInt32() - 1);
        after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == first).GetProperty("read").GetBoolean().Should().BeTrue();

        // The admin shares the supervisors' notifications but not the supervisor's read marks.
        using var admin = await _host.AsUserAsync("admin");
        (await admin.GetJsonAsync("/api/notifications")).GetProperty("unread").GetInt32().Should().Be(8);

        var all = await supervisor.PostJsonAsync("/api/notifications/read", new { });
        all.GetProperty("marked").GetInt32().Should().Be(7);
        (await supervisor.GetJsonAsync("/api/notifications")).GetProperty("unread").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_bad_paging_parameter_is_a_problem_naming_it()
    {
        using var agent = await _host.AsUserAsync("agent1");
        var problem = await (await agent.GetAsync("/api/notifications?take=0&before=x")).JsonAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("take", out _).Should().BeTrue();
        problem.GetProperty("errors").TryGetProperty("before", out _).Should().BeTrue();
        (await _host.Anonymous().GetAsync("/api/notifications")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_page_shows_the_unread_count_on_the_bell_and_the_centre_lists_them()
    {
        using var client = await _host.AsUserAsync("reviewer-zjj");
        var unread = (await client.GetJsonAsync("/api/notifications")).GetProperty("unread").GetInt32();
        unread.Should().BeGreaterThan(0);
        var html = await PageAsync("reviewer-zjj", "/notifications");
        html.Should().Contain($"id=\"unread-count\">{unread}</span>").And.Contain("红牌");
        (await PageAsync("reviewer-zjj", "/inbox")).Should().Contain($"id=\"unread-count\">{unread}</span>");
    }

    private async Task<string> PageAsync(string user, string path)
    {
        using var client = await _host.SignedInClientAsync(user);
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
