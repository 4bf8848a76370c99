using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Workflow.Host.Tests.Queueing.QueueHostData;

namespace Workflow.Host.Tests.Queueing;

/// <summary>The queue's API (docs/queueing.md, docs/api.md "Queue"): kiosk, windows, display, position and figures, and who may do what.</summary>
public sealed class QueueApiTests : IDisposable
{
    private readonly HostFactory _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_walk_in_is_called_at_a_window_shown_on_the_display_and_followed_by_its_holder()
    {
        using var kiosk = _host.Anonymous();
        var issued = await WalkInAsync(kiosk, "HQ", "PERMIT", IdNumber(1));
        issued.StatusCode.Should().Be(HttpStatusCode.Created);
        var ticket = await issued.JsonAsync();
        ticket.GetProperty("number").GetString().Should().Be("A001");
        var code = ticket.GetProperty("code").GetString()!;
        code.Should().HaveLength(6);
        issued.Headers.Location!.ToString().Should().Be("/queue/ticket?number=A001");
        (await WalkInAsync(kiosk, "GX", "PERMIT", IdNumber(2))).StatusCode.Should().Be(HttpStatusCode.Created);

        var position = await (await kiosk.GetAsync($"/api/queue/tickets/A002?code={code}")).Content.ReadAsStringAsync();
        position.Should().NotContain("A002", "a wrong code (A001's) tells nothing about A002");
        var mine = await (await kiosk.GetAsync($"/api/queue/tickets/A001?code={code}")).JsonAsync();
        mine.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["number", "hall", "category", "state", "ahead", "window"], "nothing else leaks");
        mine.GetProperty("state").GetString().Should().Be("Waiting");

        using var clerk = await _host.AsUserAsync(Roles.FrontDesk);
        var called = await clerk.PostAsync("/api/queue/halls/HQ/windows/2/call", null);
        called.StatusCode.Should().Be(HttpStatusCode.OK);
        var calledTicket = await called.JsonAsync();
        calledTicket.GetProperty("number").GetString().Should().Be("A001", "GX's ticket is GX's");
        var board = await (await kiosk.GetAsync("/api/queue/halls/HQ/board")).JsonAsync();
        board.GetProperty("current")[0].GetProperty("number").GetString().Should().Be("A001");
        board.GetProperty("current")[0].GetProperty("window").GetString().Should().Be("2");
        var followed = await (await kiosk.GetAsync($"/api/queue/tickets/a001?code={code.ToLowerInvariant()}")).JsonAsync();
        (followed.GetProperty("state").GetString(), followed.GetProperty("window").GetString()).Should().Be(("Called", "2"));

        var id = calledTicket.GetProperty("id").GetInt64();
        (await clerk.PostAsync($"/api/queue/halls/HQ/windows/2/tickets/{id}/recall", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await clerk.PostAsync($"/api/queue/halls/HQ/windows/2/tickets/{id}/finish", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await clerk.PostAsync("/api/queue/halls/HQ/windows/2/call", null)).StatusCode.Should().Be(HttpStatusCode.NoContent, "nobody waits in HQ");
        var recent = (await (await kiosk.GetAsync("/api/queue/halls/HQ/board")).JsonAsync()).GetProperty("recent");
        recent.EnumerateArray().Select(c => c.GetProperty("recall").GetBoolean()).Should().Equal(true, false);
    }

    [Fact]
    public async Task Bad_input_names_the_field_in_the_callers_language_and_conflicts_are_409()
    {
        using var kiosk = _host.Anonymous();
        var bad = await (await WalkInAsync(kiosk, "HQ", "PERMIT", "110101199003070010")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        bad.GetProperty("errors").GetProperty("idNumber")[0].GetString().Should().MatchRegex("[\u4e00-\u9fff]", "Chinese without Accept-Language");
        using var english = _host.Anonymous();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var badEnglish = await (await WalkInAsync(english, "HQ", "NOPE", IdNumber(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        badEnglish.GetProperty("errors").GetProperty("category")[0].GetString().Should().Be("hall HQ does not serve the category NOPE");
        (await (await WalkInAsync(kiosk, "XX", "PERMIT", IdNumber(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("hall", out _).Should().BeTrue();

        (await WalkInAsync(kiosk, "HQ", "PERMIT", IdNumber(1))).StatusCode.Should().Be(HttpStatusCode.Created);
        var twice = await (await WalkInAsync(kiosk, "BJ", "PERMIT", IdNumber(1))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        twice.GetProperty("detail").GetString().Should().Contain("A001");

        using var clerk = await _host.AsUserAsync(Roles.FrontDesk);
        (await clerk.PostAsync("/api/queue/halls/HQ/windows/1/call", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await clerk.PostAsync("/api/queue/halls/HQ/windows/1/call", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Contain("A001");
        (await (await clerk.PostAsync("/api/queue/halls/HQ/windows/99/call", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("window", out _).Should().BeTrue();
        (await clerk.PostAsync("/api/queue/halls/HQ/windows/1/tickets/999/finish", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Check_in_through_the_kiosk_refuses_another_ID_number()
    {
        var holder = IdNumber(5);
        await AppointmentAsync(_host, "HQ", "PERMIT", holder);
        using var kiosk = _host.Anonymous();

        var other = await (await CheckInAsync(kiosk, "HQ", "PERMIT", IdNumber(6))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        other.GetProperty("errors").TryGetProperty("idNumber", out _).Should().BeTrue();
        var mine = await CheckInAsync(kiosk, "HQ", "PERMIT", holder);
        mine.StatusCode.Should().Be(HttpStatusCode.Created);
        (await mine.JsonAsync()).GetProperty("number").GetString().Should().Be("A001");
    }

    [Fact]
    public async Task Each_role_may_do_only_its_part()
    {
        using (var kiosk = _host.Anonymous())
        {
            for (var i = 0; i < 3; i++) (await WalkInAsync(kiosk, "HQ", "PERMIT", IdNumber(i))).StatusCode.Should().Be(HttpStatusCode.Created);
            (await kiosk.PostAsync("/api/queue/halls/HQ/windows/1/call", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await kiosk.GetAsync("/api/queue/figures")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        var window = 1;
        foreach (var role in Roles.All)
        {
            using var client = await _host.AsUserAsync(role);
            var clerk = role is Roles.FrontDesk or Roles.Admin;
            var call = await client.PostAsync($"/api/queue/halls/HQ/windows/{window}/call", null);
            call.StatusCode.Should().Be(clerk ? HttpStatusCode.OK : HttpStatusCode.Forbidden, role);
            if (clerk) window++;
            (await client.GetAsync("/api/queue/halls/HQ/windows/1")).StatusCode.Should()
                .Be(role is Roles.FrontDesk or Roles.Admin or Roles.Supervisor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, role);
            (await client.GetAsync("/api/queue/figures")).StatusCode.Should()
                .Be(role is Roles.Supervisor or Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, role);
            (await client.PostAsJsonAsync("/api/queue/tickets/1/cases", new { caseId = "nope" })).StatusCode.Should()
                .Be(clerk ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden, role);
        }
    }

    [Fact]
    public async Task Figures_give_waiting_and_service_times_per_hall_window_and_category()
    {
        using var kiosk = _host.Anonymous();
        await WalkInAsync(kiosk, "HQ", "PERMIT", IdNumber(1));
        using var clerk = await _host.AsUserAsync(Roles.FrontDesk);
        _host.Clock.Advance(NodaTime.Duration.FromMinutes(12));
        var id = (await (await clerk.PostAsync("/api/queue/halls/HQ/windows/3/call", null)).JsonAsync()).GetProperty("id").GetInt64();
        _host.Clock.Advance(NodaTime.Duration.FromMinutes(7));
        await clerk.PostAsync($"/api/queue/halls/HQ/windows/3/tickets/{id}/finish", null);

        using var supervisor = await _host.AsUserAsync(Roles.Supervisor);
        var rows = (await (await supervisor.GetAsync("/api/queue/figures?from=2025-09-26&to=2025-09-26")).JsonAsync()).EnumerateArray().ToList();
        var window = rows.Single(r => r.GetProperty("dimension").GetString() == "Window" && r.GetProperty("day").ValueKind == JsonValueKind.Null);
        window.GetProperty("key").GetString().Should().Be("HQ/3");
        window.GetProperty("waitP50").GetDouble().Should().Be(12);
        window.GetProperty("serviceP90").GetDouble().Should().Be(7);
        (await (await supervisor.GetAsync("/api/queue/figures?from=2025-13-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("from", out _).Should().BeTrue();
    }
}
