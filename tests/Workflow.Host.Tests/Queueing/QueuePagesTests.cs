using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using static Workflow.Host.Tests.Queueing.QueueHostData;

namespace Workflow.Host.Tests.Queueing;

/// <summary>The queue's pages (docs/pages.md, *Queue*): which are public and which belong to a role.</summary>
public sealed class QueuePagesTests : IDisposable
{
    private readonly HostFactory _host = new();

    public void Dispose() => _host.Dispose();

    private HttpClient Anonymous() => _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task The_kiosk_the_display_and_the_ticket_page_need_no_sign_in_in_Chinese_first()
    {
        using var client = Anonymous();
        var kiosk = await client.GetStringAsync("/queue/kiosk/HQ");
        kiosk.Should().Contain("预约签到").And.Contain("现场取号").And.Contain("工程建设项目综合受理");
        (await client.GetStringAsync("/queue/display/HQ")).Should().Contain("区政务服务中心").And.Contain("/board/stream");
        (await client.GetStringAsync("/queue/ticket?number=A001")).Should().Contain("排队进度");
        (await client.GetAsync("/queue/display/NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/queue/kiosk/NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetStringAsync("/queue/display/HQ?culture=en")).Should().Contain("District Government Service Centre", "English one click away");
    }

    [Fact]
    public async Task The_window_page_is_the_front_desks_and_the_figures_page_the_supervisors()
    {
        using (var anonymous = Anonymous())
        {
            (await anonymous.GetAsync("/queue/window/HQ/1")).StatusCode.Should().Be(HttpStatusCode.Redirect, "sign in first");
            (await anonymous.GetAsync("/supervision/queues")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        using (var kiosk = _host.Anonymous()) await WalkInAsync(kiosk, "HQ", "PERMIT", IdNumber(1), projectCode: null);
        foreach (var role in Roles.All)
        {
            using var client = await _host.SignedInClientAsync(role);
            var window = await client.GetAsync("/queue/window/HQ/1");
            window.StatusCode.Should().Be(role is Roles.FrontDesk or Roles.Admin or Roles.Supervisor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, role);
            if (window.StatusCode == HttpStatusCode.OK)
            {
                var html = await window.Content.ReadAsStringAsync();
                html.Should().Contain("A001");
                html.Contains("id=\"call-next\"").Should().Be(role != Roles.Supervisor, "supervisors watch, they do not call");
            }
            (await client.GetAsync("/supervision/queues")).StatusCode.Should()
                .Be(role is Roles.Supervisor or Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, role);
        }
        using var supervisor = await _host.SignedInClientAsync(Roles.Supervisor);
        (await supervisor.GetStringAsync("/supervision/dashboard")).Should().Contain("href=\"/supervision/queues\"");
        (await supervisor.GetStringAsync("/supervision/queues")).Should().Contain("排队叫号统计").And.Contain("等候 P50");
    }
}
