using System.Net;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>
/// The notification list (docs/api.md, *Lists*): <c>GET /api/notifications</c> and the page <c>/notifications</c>. A
/// carded host of its own, so the second case filed here is not among the notifications <see cref="NotificationEndpointTests"/> counts.
/// </summary>
public sealed class NotificationListTests(NotificationEndpointTests.CardedHost host) : IClassFixture<NotificationEndpointTests.CardedHost>
{
    private readonly NotificationEndpointTests.CardedHost _host = host;

    /// <summary>
    /// Issue #13 "Lists that scale" for the notification centre (docs/api.md, *Lists*): paged on the server as every list,
    /// searched by case number, filtered by read state, kind and dates, each item with its case's number; the page the same,
    /// in both languages. agent1 has the first case's acceptance and 8 cards, and here a second case's acceptance.
    /// </summary>
    [Fact]
    public async Task The_notification_list_is_paged_searched_and_filtered_in_the_API_and_on_the_page()
    {
        using var agent = await _host.AsUserAsync("agent1");
        using var frontdesk = await _host.AsUserAsync("frontdesk");
        using var admin = await _host.AsUserAsync("admin");
        var second = await agent.ApplyAsync(await agent.CreateProjectAsync(name: "通知列表测试项目"), Stage.ConstructionPermit, ["ZJJ-003"]);
        await frontdesk.ActAsync((await admin.OpenStepAsync(second.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });
        var number = second.Text("caseNumber");
        var firstNumber = (await agent.GetJsonAsync($"/api/cases/{_host.CaseId}")).Text("caseNumber");

        async Task<(System.Text.Json.JsonElement[] Items, int Total)> List(string query)
        {
            var page = await agent.GetJsonAsync("/api/notifications?" + query);
            return (page.GetProperty("items").EnumerateArray().ToArray(), page.GetProperty("totalCount").GetInt32());
        }

        var all = await List("");
        all.Total.Should().Be(10, "two acceptances and eight cards");
        var first = await List("pageSize=4");
        first.Items.Should().HaveCount(4);
        first.Total.Should().Be(10);
        var third = await List("pageSize=4&page=3");
        third.Items.Should().HaveCount(2, "10 = 4 + 4 + 2");
        first.Items.Concat((await List("pageSize=4&page=2")).Items).Concat(third.Items).Select(i => i.GetProperty("id").GetInt64())
            .Should().Equal(all.Items.Select(i => i.GetProperty("id").GetInt64()), "the pages are the list, newest first");
        all.Items.Select(i => i.GetProperty("id").GetInt64()).Should().BeInDescendingOrder();
        (await List("sort=oldest")).Items[0].Text("kind").Should().Be("accepted");
        (await List("sort=oldest")).Items[0].Text("caseNumber").Should().Be(firstNumber);

        var found = await List("search=" + Uri.EscapeDataString(number));
        found.Items.Should().ContainSingle().Which.Text("kind").Should().Be("accepted");
        found.Items[0].Text("caseNumber").Should().Be(number);
        (await List("search=" + Uri.EscapeDataString("通知列表测试项目"))).Total.Should().Be(1, "the project's name finds its case");
        (await List("kind=card")).Total.Should().Be(8);
        (await List("kind=accepted")).Items.Select(i => i.Text("caseNumber")).Should().Equal(number, firstNumber);

        var read = found.Items[0].GetProperty("id").GetInt64();
        (await agent.PostAsync($"/api/notifications/{read}/read", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await List("state=Read")).Items.Select(i => i.GetProperty("id").GetInt64()).Should().Equal(read);
        (await List("state=Unread")).Total.Should().Be(9);
        (await List("state=Unread&kind=accepted")).Items.Select(i => i.Text("caseNumber")).Should().Equal(firstNumber);

        // Dates in the jurisdiction's zone, both included: the first acceptance's day, and from the day of the cards.
        var acceptedDay = all.Items.Last().Text("createdAt")[..10];
        var cardDay = all.Items.First(i => i.Text("kind") == "card").Text("createdAt")[..10];
        acceptedDay.Should().NotBe(cardDay, "the cards came 60 days later");
        (await List($"to={acceptedDay}")).Items.Select(i => i.Text("kind")).Should().Equal("accepted");
        (await List($"from={cardDay}")).Total.Should().Be(9);

        var zh = await (await agent.GetAsync("/api/notifications?kind=nothing&take=5")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        zh.GetProperty("errors").GetProperty("kind")[0].GetString().Should().StartWith("kind 须为以下之一");
        zh.GetProperty("errors").TryGetProperty("take", out _).Should().BeTrue("the old paging is gone: a 400, not silently another page");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications?state=Sleeping");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await agent.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        en.GetProperty("errors").GetProperty("state")[0].GetString().Should().Be("state is one of Unread, Read");

        using var page = await _host.SignedInClientAsync("agent1");
        var html = await page.GetStringAsync("/notifications?search=" + Uri.EscapeDataString(number));
        html.Should().Contain("<span id=\"total\">1</span>").And.Contain($"class=\"case-number\">{number}</a>").And.NotContain($">{firstNumber}</a>");
        var paged = await page.GetStringAsync("/notifications?pageSize=4&page=2");
        paged.Should().Contain("id=\"next-page\"").And.Contain("id=\"prev-page\"").And.Contain("第 2 / 3 页");
        var english = await page.GetStringAsync("/notifications?culture=en&kind=card&state=Unread");
        english.Should().Contain("<span id=\"total\">8</span> in all").And.Contain("Deadline warnings").And.Contain("Unread").And.NotContain("红牌");
        (await page.GetAsync("/notifications?kind=nothing")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await page.GetAsync("/notifications?kind=nothing&culture=en")).Content.ReadAsStringAsync()).Should().Contain("kind is one of");

        // Marking one read, and all read, brings the user back to the list as it was shown: its filters and its page.
        const string shown = "/notifications?kind=card&state=Unread&pageSize=4&page=2";
        var list = await page.GetStringAsync(shown);
        var form = System.Text.RegularExpressions.Regex.Match(list, "action=\"([^\"]*handler=Read&amp;id=\\d+)\"");
        form.Success.Should().BeTrue("each unread row has a mark-read form");
        var action = System.Net.WebUtility.HtmlDecode(form.Groups[1].Value);
        action.Should().StartWith("/notifications?kind=card&state=Unread&pageSize=4&page=2&handler=Read&id=");
        var marked = await page.PostAsync(action, new FormUrlEncodedContent([Workflow.Host.Tests.Pages.PageForms.F("__RequestVerificationToken", Workflow.Host.Tests.Pages.PageForms.AntiforgeryToken(list))]));
        marked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        marked.Headers.Location!.OriginalString.Should().Be(shown);
        (await List("state=Unread&kind=card")).Total.Should().Be(7, "the one marked is read");
        var readAll = await page.PostAsync(shown + "&handler=ReadAll", new FormUrlEncodedContent([Workflow.Host.Tests.Pages.PageForms.F("__RequestVerificationToken", Workflow.Host.Tests.Pages.PageForms.AntiforgeryToken(list))]));
        readAll.Headers.Location!.OriginalString.Should().Be(shown);
        list.Should().Contain("action=\"/notifications?kind=card&amp;state=Unread&amp;pageSize=4&amp;page=2&amp;handler=ReadAll\"");
    }
}
