using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Host.Web.Notifications.Delivery;
using Workflow.Testing;

namespace Workflow.Host.Tests.Notifications;

/// <summary>
/// E-mail through the durable outbox to a real SMTP server in the test process (netDumbster) (docs/notifications.md,
/// E-mail): one message per event even with two delivery workers racing; a failed attempt is retried after the backoff and
/// then delivered. The workers are driven by the test (the background worker is off: <c>Notifications:Smtp:Enabled</c> false).
/// </summary>
public sealed class EmailDeliveryTests
{
    public static IEnumerable<object[]> Providers() => LocalPostgreSql.Providers();

    private sealed class MailHost(string provider, int port) : HostFactory
    {
        public override bool OnPostgreSql => provider == "postgresql";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:From"] = "政务服务中心 <noreply@example.gov.cn>",
            ["Notifications:Smtp:BaseUrl"] = "https://zwfw.example.gov.cn",
            ["Notifications:Smtp:BatchSize"] = "1", // so the two workers interleave message by message
        };
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_workers_deliver_exactly_one_message_per_event_in_the_recipients_language(string provider)
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var host = new MailHost(provider, port);
        var (agent, caseId, number) = await TwoEventsAsync(host, "zh-CN");

        var workers = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<EmailDelivery>(host.Services)).ToList();
        var sent = (await Task.WhenAll(workers.Select(w => Task.Run(() => w.DeliverDueAsync())))).Sum();
        sent += (await Task.WhenAll(workers.Select(w => Task.Run(() => w.DeliverDueAsync())))).Sum();

        sent.Should().Be(2);
        smtp.ReceivedEmailCount.Should().Be(2, "one e-mail per event, however many workers run");
        var mails = smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        mails.Should().OnlyContain(m => m.To.Mailboxes.Single().Address == "agent1@example.cn");
        number.Should().MatchRegex(@"^\d{4}-3-\d{6}$", "texts name the case by its number, not its id (issue #13)");
        mails.Select(m => m.Subject).Should().BeEquivalentTo([$"[{number}] 一次性告知（补正）", $"[{number}] 已受理"]);
        var accepted = mails.Single(m => m.Subject!.EndsWith("已受理", StringComparison.Ordinal));
        accepted.TextBody!.Should().Contain($"办件 {number} 已受理").And.Contain($"办件编号：{number}").And.Contain($"https://zwfw.example.gov.cn/cases/{caseId}");
        accepted.HtmlBody!.Should().Contain($"<a href=\"https://zwfw.example.gov.cn/cases/{caseId}\">查看办件</a>");
        (await host.Services.GetRequiredService<EmailOutbox>().CountsAsync()).Should().Be(new OutboxCounts(0, 2, 0));
        agent.Dispose();
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_after_the_backoff_and_then_delivered_and_the_admin_sees_it_meanwhile()
    {
        var port = FreePort();
        await using var host = new MailHost("sqlite", port);
        var (agent, _, number) = await TwoEventsAsync(host, "en");
        agent.Dispose();
        var delivery = host.Services.GetRequiredService<EmailDelivery>();

        // No SMTP server listens yet: both attempts fail and wait one minute (the first backoff).
        (await delivery.DeliverDueAsync()).Should().Be(0);
        var outbox = host.Services.GetRequiredService<EmailOutbox>();
        var waiting = await outbox.TroubleAsync();
        waiting.Should().HaveCount(2).And.OnlyContain(m => m.Attempts == 1 && m.FailedAt == null && m.NextAttemptAt == HostFactory.Start + Duration.FromMinutes(1) && m.LastError != null);
        using var admin = await host.AsUserAsync("admin");
        var view = await admin.GetJsonAsync("/api/notifications/outbox");
        view.GetProperty("items").GetArrayLength().Should().Be(2);
        view.GetProperty("counts").GetProperty("waiting").GetInt32().Should().Be(2);
        // The outbox is a list as every other (docs/api.md, *Lists*): paged, filtered by state and kind, searched by case number.
        async Task<(string[] Kinds, int Total)> Outbox(string query)
        {
            var page = await admin.GetJsonAsync("/api/notifications/outbox?" + query);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Where(i => i.GetProperty("caseNumber").GetString() != number).Should().BeEmpty("each message names its case by its number");
            return (items.Select(i => i.GetProperty("kind").GetString()!).ToArray(), page.GetProperty("totalCount").GetInt32());
        }
        (await Outbox("state=Retrying")).Kinds.Should().Equal("accepted", "notice-issued");
        (await Outbox("state=Retrying&sort=oldest")).Kinds.Should().Equal("notice-issued", "accepted");
        (await Outbox("state=Sent")).Total.Should().Be(0);
        (await Outbox("kind=accepted")).Kinds.Should().Equal("accepted");
        (await Outbox("search=" + Uri.EscapeDataString(number))).Total.Should().Be(2);
        (await Outbox("search=agent2")).Total.Should().Be(0, "only agent1 asked for e-mail");
        var two = await Outbox("pageSize=1&page=2");
        two.Kinds.Should().Equal("notice-issued");
        two.Total.Should().Be(2);
        (await (await admin.GetAsync("/api/notifications/outbox?state=Lost")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("state")[0].GetString().Should().Be("state 须为以下之一：Waiting、Retrying、Sent、Failed");
        using (var page = await host.SignedInClientAsync("admin"))
        {
            var html = await page.GetStringAsync("/notifications/outbox?culture=en&state=Retrying&search=" + Uri.EscapeDataString(number));
            html.Should().Contain("<span id=\"total\">2</span> in all").And.Contain($"class=\"case-number\">{number}</a>").And.Contain("Retry at").And.NotContain("重试");
            (await page.GetStringAsync("/notifications/outbox?pageSize=1")).Should().Contain("id=\"next-page\"").And.Contain("data-state=\"Retrying\"");
            (await page.GetAsync("/notifications/outbox?kind=nothing")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }
        using var agentClient = await host.AsUserAsync("agent1");
        (await agentClient.GetAsync("/api/notifications/outbox")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var smtp = SimpleSmtpServer.Start(port);
        host.Clock.Advance(Duration.FromSeconds(59));
        (await delivery.DeliverDueAsync()).Should().Be(0, "not before the backoff is over");
        host.Clock.Advance(Duration.FromSeconds(1));
        (await delivery.DeliverDueAsync()).Should().Be(2);
        smtp.ReceivedEmailCount.Should().Be(2);
        var mail = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(smtp.ReceivedEmail.Select(m => m.Data).Single(d => d.Contains("accepted", StringComparison.Ordinal)))));
        mail.TextBody!.Should().Contain($"Case {number} was accepted").And.Contain($"Case number: {number}");
        (await outbox.ListAsync()).Should().OnlyContain(m => m.SentAt == HostFactory.Start + Duration.FromMinutes(1) && m.Attempts == 1);
        (await delivery.DeliverDueAsync()).Should().Be(0, "each is sent once");
    }

    /// <summary>agent1 asks for notices and acceptances by e-mail; their case gets a one-time notice, is supplied and accepted.</summary>
    private static async Task<(HttpClient Agent, string CaseId, string CaseNumber)> TwoEventsAsync(HostFactory host, string language)
    {
        var agent = await host.AsUserAsync("agent1");
        (await agent.PutAsJsonAsync("/api/notifications/settings", new { email = "agent1@example.cn", language, emailKinds = new[] { "notice-issued", "accepted" } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        using var other = await host.AsUserAsync("agent2");
        (await other.PutAsJsonAsync("/api/notifications/settings", new { email = "agent2@example.cn", emailKinds = new[] { "notice-issued", "accepted" } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var admin = await host.AsUserAsync("admin");
        var filed = await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"], "ZJJ-003-PLAN");
        var caseId = filed.Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "SupplementRequired", missingMaterials = Array.Empty<object>() });
        await agent.PostJsonAsync($"/api/cases/{caseId}/materials", new { materials = new[] { "ZJJ-003-PLAN" } });
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        return (agent, caseId, filed.Text("caseNumber"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
