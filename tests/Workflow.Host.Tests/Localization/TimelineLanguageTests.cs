using System.Net;
using System.Text.RegularExpressions;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Localization;

/// <summary>The case page's timeline details follow the page's language (issue #13): no English lines on a Chinese page, no Chinese on an English one.</summary>
public sealed partial class TimelineLanguageTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    [Fact]
    public async Task Timeline_details_are_Chinese_on_a_Chinese_page_and_English_on_an_English_page()
    {
        using var agent = await host.SignedInClientAsync("agent1");

        var zh = Details(await agent.GetStringAsync($"/cases/{host.AcceptedCaseId}"));
        var en = Details(await agent.GetStringAsync($"/cases/{host.AcceptedCaseId}?culture=en"));

        zh.Should().Contain("agent1 提交申请").And.Contain("受理，办件开始计时").And.Contain(d => d.Contains("待办"));
        zh.Should().NotContain(d => EnglishPhrase().IsMatch(d), "no English wording on a Chinese page");
        en.Should().Contain("filed by agent1").And.Contain("accepted; the case's clocks start").And.Contain(d => d.Contains(": open in the inbox of "));
        en.Should().NotContain(d => Cjk().IsMatch(d), "no Chinese on an English page");
    }

    private static List<string> Details(string html) =>
        Detail().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).Where(d => d.Length > 0).ToList();

    [GeneratedRegex("""<div class="detail">(.*?)</div>""", RegexOptions.Singleline)]
    private static partial Regex Detail();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    // Words of the English timeline texts (the stored API text), not ids or user names.
    [GeneratedRegex(@"\b(filed by|open in|accepted|clocks|cancelled|materials|supplement)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishPhrase();
}
