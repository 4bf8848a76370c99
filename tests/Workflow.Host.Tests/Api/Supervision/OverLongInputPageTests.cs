using System.Net;
using System.Net.Http.Json;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Host.Tests.Pages;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>
/// Input limits on the pages (docs/api.md, *Input limits*; issue #13 "every over-long field is refused in API and
/// pages"): the urging notice's message and reply (<c>/supervision/urgings</c>) and the complaint's reply
/// (<c>/complaints</c>), posted through the real forms with their antiforgery token, one character over 2,000: a
/// field error in the page's language, status 422, nothing stored; and the same text refused by the API. A host of
/// its own (an overdue step to urge), so the notices issued here do not count in <see cref="SupervisionEndpointTests"/>.
/// </summary>
public sealed class OverLongInputPageTests(SupervisionEndpointTests.OverdueHost host) : IClassFixture<SupervisionEndpointTests.OverdueHost>
{
    private static readonly string TooLong = new('督', 2001);

    [Fact]
    public async Task An_over_long_urging_message_is_refused_on_the_page_in_its_language_and_not_issued()
    {
        using var page = await host.SignedInClientAsync("supervisor");
        var form = new[] { F("Step", host.StepId), F("Text", TooLong), F("ReplyDue", "2030-01-08") };
        var zh = await page.PostFormAsync("/supervision/urgings?handler=Issue", form);
        zh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("data-field=\"message\">最多 2000 个字符<");
        var en = await page.PostFormAsync("/supervision/urgings?handler=Issue&culture=en", form);
        en.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await en.Content.ReadAsStringAsync()).Should().Contain("data-field=\"message\">at most 2000 characters<").And.NotContain("最多 2000 个字符");

        using var supervisor = await host.AsUserAsync("supervisor");
        (await supervisor.GetJsonAsync("/api/supervision/urgings")).GetProperty("totalCount").GetInt32().Should().Be(0, "nothing was issued");
        // The form's input carries the same limit.
        (await page.GetStringAsync("/supervision/urgings")).Should().Contain("name=\"Text\" required maxlength=\"2000\"");
    }

    [Fact]
    public async Task An_over_long_urging_reply_is_refused_in_the_API_and_on_the_page_in_its_language_and_not_stored()
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        var id = (await (await supervisor.PostAsJsonAsync("/api/supervision/urgings", new { stepId = host.StepId, message = "限长回复测试", replyDue = "2030-01-08" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        using var zjj = await host.AsUserAsync("reviewer-zjj");
        var problem = await (await zjj.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = TooLong })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("reply")[0].GetString().Should().Be("最多 2000 个字符");

        using var page = await host.SignedInClientAsync("reviewer-zjj");
        var zh = await page.PostFormAsync($"/supervision/urgings?handler=Reply&id={id}", [F("Text", TooLong)]);
        zh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("data-field=\"reply\">最多 2000 个字符<");
        var en = await page.PostFormAsync($"/supervision/urgings?handler=Reply&id={id}&culture=en", [F("Text", TooLong)]);
        en.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await en.Content.ReadAsStringAsync()).Should().Contain("data-field=\"reply\">at most 2000 characters<");

        var notice = (await supervisor.GetJsonAsync("/api/supervision/urgings?search=" + Uri.EscapeDataString("限长回复测试"))).GetProperty("items")[0];
        notice.GetProperty("repliedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "nothing was stored");
        notice.GetProperty("reply").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task An_over_long_complaint_reply_is_refused_on_the_page_in_its_language_and_not_stored()
    {
        using var agent = await host.AsUserAsync("agent1");
        var id = (await (await agent.PostAsJsonAsync("/api/complaints", new { caseId = host.CaseId, department = "zjj", text = "限长答复测试：办理太慢" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using var supervisor = await host.AsUserAsync("supervisor");
        await supervisor.PostJsonAsync($"/api/complaints/{id}/take", new { });

        using var page = await host.SignedInClientAsync("supervisor");
        (await page.GetStringAsync("/complaints")).Should().Contain($"id=\"reply-{id}\" name=\"Reply\" required maxlength=\"2000\"", "the form's input carries the limit");
        var zh = await page.PostFormAsync($"/complaints?handler=Answer&id={id}", [F("Reply", TooLong)]);
        zh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("data-field=\"reply\">最多 2000 个字符<");
        var en = await page.PostFormAsync($"/complaints?handler=Answer&id={id}&culture=en", [F("Reply", TooLong)]);
        en.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await en.Content.ReadAsStringAsync()).Should().Contain("data-field=\"reply\">at most 2000 characters<");

        var complaint = await supervisor.GetJsonAsync($"/api/complaints/{id}");
        complaint.Text("state").Should().Be("InHand", "nothing was stored");
        complaint.GetProperty("reply").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}
