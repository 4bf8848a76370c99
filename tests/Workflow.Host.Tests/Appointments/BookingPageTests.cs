using System.Net;
using Workflow.Host.Tests.Pages;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Appointments;

/// <summary>
/// The booking page and the booking supervision page (docs/appointments.md, *Pages*) on the demo halls, the clock at Friday
/// 26 September 2025 10:00 in Shanghai (国庆节 1–8 October 2025; Sunday 28 September a make-up working day).
/// </summary>
public sealed class BookingPageTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Page = "/appointments?hall=HQ&category=ESTATE&date=2025-09-29";

    [Fact]
    public async Task The_public_books_on_the_page_in_Chinese_and_sees_the_calendar()
    {
        using var anonymous = host.Anonymous();
        var html = await anonymous.GetStringAsync(Page);
        html.Should().Contain("预约办事").And.Contain("区政务服务中心").And.Contain("余 20");
        html.Should().Contain("""<span data-date="2025-10-01" class="closed">""").And.Contain("国庆节");
        html.Should().Contain("""data-date="2025-09-28" class="makeup""").And.Contain("调休上班");

        var refused = await anonymous.PostFormAsync(Page + "&handler=Book", [F("Hall", "HQ"), F("Category", "ESTATE"), F("Date", "2025-09-29"), F("Start", "09:00"),
            F("Name", "赵六"), F("Mobile", "13612345678"), F("IdNumber", "51340119900101001X")]);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        refusedHtml.Should().Contain("身份证号码校验位不正确").And.NotContain("51340119900101001X", "the number is never echoed back");

        var booked = await anonymous.PostFormAsync(Page + "&handler=Book", [F("Hall", "HQ"), F("Category", "ESTATE"), F("Date", "2025-09-29"), F("Start", "09:00"),
            F("Name", "赵六"), F("Mobile", "13612345678"), F("IdNumber", "310115197802281516")]);
        booked.StatusCode.Should().Be(HttpStatusCode.OK);
        var bookedHtml = await booked.Content.ReadAsStringAsync();
        bookedHtml.Should().Contain("预约成功").And.Contain("2025-09-29 09:00–09:30").And.Contain("赵* 136****5678").And.Contain("余 19");
        bookedHtml.Should().NotContain("310115197802281516");

        var again = await anonymous.PostFormAsync(Page + "&handler=Book", [F("Hall", "HQ"), F("Category", "ESTATE"), F("Date", "2025-09-29"), F("Start", "10:00"),
            F("Name", "赵六"), F("Mobile", "13612345678"), F("IdNumber", "310115197802281516")]);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).Should().Contain("同一业务每天只能预约一次");
    }

    [Fact]
    public async Task The_page_is_in_English_one_click_away_and_an_agent_sees_their_appointments()
    {
        using var agent = await host.SignedInClientAsync("agent2");
        var english = await agent.GetStringAsync(Page + "&culture=en");
        english.Should().Contain("Book an appointment").And.Contain("District Government Service Centre").And.Contain("20 left").And.NotContain("余 20");

        var booked = await agent.PostFormAsync(Page + "&handler=Book", [F("Hall", "HQ"), F("Category", "ESTATE"), F("Date", "2025-09-29"), F("Start", "14:00"),
            F("Name", "Chen Qi"), F("Mobile", "13512345678"), F("IdNumber", "440306199211030048")]);
        var html = await booked.Content.ReadAsStringAsync();
        booked.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain("Booked").And.Contain("id=\"mine-list\"").And.Contain("2025-09-29 14:00–14:30");
    }

    [Fact]
    public async Task The_booking_supervision_is_for_supervisors_and_linked_from_the_dashboard()
    {
        using var supervisor = await host.SignedInClientAsync(Roles.Supervisor);
        (await supervisor.GetStringAsync("/supervision/dashboard")).Should().Contain("/supervision/appointments?from=");
        var html = await supervisor.GetStringAsync("/supervision/appointments?from=2025-09-01&to=2025-09-30");
        html.Should().Contain("预约监管").And.Contain("可疑行为").And.Contain("爽约限制");
        using var agent = await host.SignedInClientAsync("agent1");
        (await agent.GetAsync("/supervision/appointments")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
