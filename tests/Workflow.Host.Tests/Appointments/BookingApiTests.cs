using System.Net;
using System.Net.Http.Json;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Appointments;

/// <summary>
/// The appointment API (docs/appointments.md, *API*) on the demo halls, the host's clock at Friday 26 September 2025 10:00
/// in Shanghai. cn-mainland 2025: 国庆节 1–8 October; Sunday 28 September is a make-up working day (调休). Every answer
/// is checked against the OpenAPI document.
/// </summary>
public sealed class BookingApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Holder = "11010519491231002X"; // GB 11643's own example
    private static object Booking(string date, string start, string idNumber = Holder, string category = "PERMIT") =>
        new { hall = "HQ", category, date, start, name = "张三", mobile = "13812345678", idNumber };

    [Fact]
    public async Task Halls_and_days_follow_the_calendar()
    {
        using var anonymous = host.Anonymous();
        var halls = await anonymous.GetJsonAsync("/api/public/appointments/halls");
        halls.EnumerateArray().Select(h => h.GetProperty("code").GetString()).Should().Equal("BJ", "GX", "HQ");
        var hq = halls.EnumerateArray().Single(h => h.GetProperty("code").GetString() == "HQ");
        hq.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("prefix").GetString()).Should().Equal("A", "B", "C", "D", "E");
        hq.GetProperty("categories")[1].GetProperty("matters").GetArrayLength().Should().Be(0, "不动产登记 maps to no catalogue matter");

        var days = (await anonymous.GetJsonAsync("/api/public/appointments/halls/HQ/days")).EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);
        days["2025-09-28"].GetProperty("slots").GetArrayLength().Should().Be(13, "a make-up Sunday is worked");
        days["2025-10-01"].GetProperty("holiday").GetString().Should().Be("国庆节");
        days["2025-10-01"].GetProperty("slots").GetArrayLength().Should().Be(0);
        days["2025-09-27"].GetProperty("slots").GetArrayLength().Should().Be(0, "an ordinary Saturday");
        var today = days["2025-09-26"].GetProperty("slots").EnumerateArray().ToList();
        today.First(s => s.GetProperty("start").GetString() == "09:30").GetProperty("bookable").GetBoolean().Should().BeFalse("it has begun");
        today.First(s => s.GetProperty("start").GetString() == "10:30").GetProperty("remaining").GetInt32().Should().Be(20);
        (await anonymous.GetAsync("/api/public/appointments/halls/NOPE/days")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_public_applicant_books_lists_and_cancels_and_cannot_book_twice()
    {
        using var anonymous = host.Anonymous();
        var booked = await anonymous.PostJsonAsync("/api/public/appointments", Booking("2025-09-29", "09:00"), HttpStatusCode.Created);
        booked.GetProperty("displayName").GetString().Should().Be("张*");
        booked.GetProperty("mobile").GetString().Should().Be("138****5678");
        booked.GetProperty("state").GetString().Should().Be("Booked");
        booked.GetRawText().Should().NotContain("1949").And.NotContain("identity");

        var twice = await (await anonymous.PostAsJsonAsync("/api/public/appointments", Booking("2025-09-29", "14:00"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        twice.Text("detail").Should().Contain("已有「工程建设项目综合受理」的有效预约");

        var mine = await anonymous.PostJsonAsync("/api/public/appointments/mine", new { idNumber = Holder });
        mine.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Should().Equal(booked.GetProperty("id").GetString());
        var id = booked.GetProperty("id").GetString();
        (await anonymous.PostAsJsonAsync($"/api/public/appointments/{id}/cancel", new { idNumber = "110101199003074477" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.PostJsonAsync($"/api/public/appointments/{id}/cancel", new { idNumber = Holder })).GetProperty("state").GetString().Should().Be("Cancelled");
        await (await anonymous.PostAsJsonAsync($"/api/public/appointments/{id}/cancel", new { idNumber = Holder })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_names_the_field_in_the_callers_language()
    {
        using var anonymous = host.Anonymous();
        var zh = await (await anonymous.PostAsJsonAsync("/api/public/appointments", Booking("2025-09-29", "09:00", idNumber: "51340119900101001X"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        zh.GetProperty("errors").GetProperty("idNumber")[0].GetString().Should().Be("身份证号码校验位不正确，请核对");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/appointments") { Content = JsonContent.Create(Booking("2025-10-01", "09:00", idNumber: "110101199003074477")) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await anonymous.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        en.GetProperty("errors").GetProperty("date")[0].GetString().Should().Be("2025-10-01 is not a working day（国庆节）");
    }

    [Fact]
    public async Task An_agent_books_and_sees_their_own_other_roles_may_not_and_supervisors_see_the_report()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        var booked = await agent.PostJsonAsync("/api/appointments", Booking("2025-09-30", "10:00", idNumber: "320102198506152132", category: "ESTATE"), HttpStatusCode.Created);
        booked.GetProperty("agent").GetString().Should().Be("agent1");
        (await agent.GetJsonAsync("/api/appointments")).EnumerateArray().Select(a => a.GetProperty("id").GetString()).Should().Contain(booked.GetProperty("id").GetString());
        await (await frontdesk.PostAsJsonAsync("/api/appointments", Booking("2025-09-30", "10:00", idNumber: "440306199211030048"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.GetAsync("/api/appointments/supervision")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var report = await supervisor.GetJsonAsync("/api/appointments/supervision?from=2025-09-01&to=2025-09-30");
        report.GetProperty("figures").EnumerateArray().Should().Contain(f => f.GetProperty("category").GetString() == "ESTATE" && f.GetProperty("booked").GetInt32() == 1);
        (await supervisor.GetAsync("/api/appointments/supervision?from=nope")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

/// <summary>A host whose booking API takes 3 requests a minute per client.</summary>
public sealed class ThreeBookingsPerMinuteHost : HostFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Appointments:RateLimit:PerClientPerMinute"] = "3" };
}

/// <summary>The per-client limit of the booking API (docs/appointments.md, *Rate limits*).</summary>
public sealed class BookingRateLimitTests(ThreeBookingsPerMinuteHost host) : IClassFixture<ThreeBookingsPerMinuteHost>
{
    [Fact]
    public async Task More_requests_than_the_configured_rate_answer_429_with_retry_after_in_the_callers_language()
    {
        using var anonymous = host.Anonymous();
        for (var i = 0; i < 3; i++)
            (await anonymous.GetAsync("/api/public/appointments/halls")).StatusCode.Should().Be(HttpStatusCode.OK);

        var over = await anonymous.PostAsJsonAsync("/api/public/appointments", new { hall = "HQ" });
        var problem = await over.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Text("title").Should().Be("预约请求过于频繁。");
        int.Parse(over.Headers.RetryAfter!.ToString()).Should().BeInRange(1, 60);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/appointments/halls");
        request.Headers.AcceptLanguage.ParseAdd("en");
        (await (await anonymous.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests)).Text("title").Should().Be("Too many booking requests.");
    }
}
