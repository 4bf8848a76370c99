using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Messages;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Host.Web.Localization;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Localization;

/// <summary>
/// Every rule message in the user's language (docs/api.md, Languages): the catalogue has both texts of every code,
/// and answers and pages in one language carry no fixed part of any rule message of the other.
/// </summary>
public sealed partial class RuleMessageLanguageTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    [Fact]
    public void Every_rule_code_has_a_Chinese_text_without_English_words_and_an_English_text_without_Chinese()
    {
        RuleCodes.All.Should().HaveCountGreaterThan(40);
        foreach (var code in RuleCodes.All)
        {
            RuleTexts.Has(code).Should().BeTrue($"the catalogue has texts for {code}");
            var (zh, en) = RuleTexts.Templates(code);
            Cjk().IsMatch(zh).Should().BeTrue($"{code}'s Chinese text is Chinese: {zh}");
            EnglishWord().IsMatch(zh).Should().BeFalse($"{code}'s Chinese text has no English words: {zh}");
            Cjk().IsMatch(en).Should().BeFalse($"{code}'s English text has no Chinese: {en}");
        }
    }

    [Fact]
    public async Task API_problems_are_Chinese_without_Accept_Language_and_English_with_it()
    {
        var zh = await ViolationsAsync(english: false);
        var en = await ViolationsAsync(english: true);

        zh.Should().Contain("项目代码 " + TakenCode + " 已登记").And.Contain("不予受理须写明理由").And.Contain("不同意须写明理由")
            .And.Contain("尚待").And.Contain("不是本办件的材料：NOPE-1");
        en.Should().Contain($"project code {TakenCode} is registered already").And.Contain("a refusal needs its reason")
            .And.Contain("a disagreement needs its reasons").And.Contain("waiting for the opinions of").And.Contain("not materials of this case: NOPE-1");
        ShouldHaveNoRuleTextOf(zh, Language.English);
        ShouldHaveNoRuleTextOf(en, Language.Chinese);
    }

    [Fact]
    public async Task Pages_show_rule_messages_in_the_page_language_only()
    {
        foreach (var english in new[] { false, true })
        {
            using var agent = await host.SignedInClientAsync("agent1");
            using var frontdesk = await host.SignedInClientAsync("frontdesk");
            var suffix = english ? "?culture=en" : "";
            var bodies = new List<string>
            {
                await (await agent.PostFormAsync("/projects" + suffix, [F("Form.Code", ""), F("Form.Name", ""), F("Form.Enterprise", ""), F("Form.Kind", "EnterpriseInvested")])).Content.ReadAsStringAsync(),
                await (await agent.PostFormAsync($"/projects/{host.ProjectId}/apply/4" + suffix, [F("Materials", "APP")])).Content.ReadAsStringAsync(),
                await (await frontdesk.PostFormAsync($"/steps/{host.IntakeStepId}" + suffix, [F("Outcome", "Refused")])).Content.ReadAsStringAsync(),
                await (await frontdesk.PostFormAsync($"/steps/{host.IntakeStepId}" + suffix, [F("Outcome", "AcceptedWithWaiver")])).Content.ReadAsStringAsync(),
            };
            var all = string.Join("\n", bodies);
            if (english)
            {
                all.Should().Contain("the project code is required").And.Contain("a refusal needs its reason").And.Contain("nothing is missing: accept without waiver");
                ShouldHaveNoRuleTextOf(all, Language.Chinese);
            }
            else
            {
                all.Should().Contain("请填写项目代码").And.Contain("不予受理须写明理由").And.Contain("材料齐全，无需容缺");
                ShouldHaveNoRuleTextOf(all, Language.English);
            }
        }
    }

    [Fact]
    public async Task English_pages_name_matters_and_steps_in_English()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var tracker = await agent.GetStringAsync($"/projects/{host.ProjectId}?culture=en");
        tracker.Should().Contain("Construction permit issuance").And.NotContain("建筑工程施工许可证核发");
        var casePage = await agent.GetStringAsync($"/cases/{host.AcceptedCaseId}?culture=en");
        // The steps table (the timeline's detail lines are still written by the domain: docs/api.md, Languages).
        casePage.Should().MatchRegex("<a href=\"/steps/[^\"]+\">Joint consolidation · Housing and Urban-Rural Development</a>")
            .And.NotMatchRegex("<a href=\"/steps/[^\"]+\">竣工联合验收汇总");
        var chinese = await agent.GetStringAsync($"/cases/{host.AcceptedCaseId}?culture=zh-CN");
        chinese.Should().MatchRegex("<a href=\"/steps/[^\"]+\">竣工联合验收汇总 · 住房城乡建设</a>");
    }

    /// <summary>
    /// The routes' own shape checks (a missing or malformed field) answer in the caller's language too, titles and field
    /// messages alike: the Chinese answer of each is Chinese, the English one has no Chinese.
    /// </summary>
    [Fact]
    public async Task Shape_errors_of_the_API_are_in_the_callers_language()
    {
        foreach (var english in new[] { false, true })
        {
            using var agent = await host.ClientAsync("agent1");
            using var frontdesk = await host.ClientAsync("frontdesk");
            using var supervisor = await host.ClientAsync(Roles.Supervisor);
            var problems = new List<System.Text.Json.JsonElement>();
            async Task Send(HttpClient client, HttpMethod method, string path, object? body = null, HttpStatusCode status = HttpStatusCode.BadRequest)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                if (english) request.Headers.AcceptLanguage.ParseAdd("en");
                var response = await client.SendAsync(request);
                problems.Add(await response.ShouldBeProblemAsync(status));
            }

            await Send(frontdesk, HttpMethod.Post, $"/api/steps/{host.IntakeStepId}/actions", new { outcome = "Accepted", conditions = new[] { " " } });
            await Send(agent, HttpMethod.Post, $"/api/cases/{host.AcceptedCaseId}/materials", new { materials = Array.Empty<string>() });
            await Send(agent, HttpMethod.Get, "/api/notifications?take=0");
            await Send(agent, HttpMethod.Post, "/api/feeds", new { label = new string('x', 101) }, HttpStatusCode.UnprocessableEntity); // over-long, as every text
            await Send(supervisor, HttpMethod.Get, "/api/complaints?state=Lost");
            await Send(supervisor, HttpMethod.Post, "/api/supervision/urgings", new { message = "请加快办理" });
            await Send(agent, HttpMethod.Post, $"/api/cases/{host.AcceptedCaseId}/ratings", new { matter = "RF-002" });

            foreach (var problem in problems)
            {
                var texts = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString()!))
                    .Prepend(problem.GetProperty("title").GetString()!).ToList();
                foreach (var text in texts)
                    if (english) Cjk().IsMatch(text).Should().BeFalse($"the English answer has no Chinese: {text}");
                    else Cjk().IsMatch(text).Should().BeTrue($"the Chinese answer is Chinese: {text}");
            }
        }
    }

    /// <summary>
    /// The refusals around the rules speak the caller's language too (#13): a 403 or 404 names what it refuses in that
    /// language ("项目 x", not "project x" inside a Chinese sentence), the token endpoint's problems follow Accept-Language,
    /// its lock says so in one language, an upload without a file has a localized title, and the notification settings'
    /// field errors are one language each (they were Chinese and English in one string). A Chinese answer has no
    /// English word but the ids it echoes, an English one no Chinese (none of these names a matter or a step).
    /// </summary>
    [Fact]
    public async Task Refusals_and_sign_in_problems_of_the_API_are_in_the_callers_language()
    {
        foreach (var english in new[] { false, true })
        {
            using var agent = await host.ClientAsync("agent1");
            using var reviewer = await host.ClientAsync("reviewer-zjj");
            using var supervisor = await host.ClientAsync(Roles.Supervisor);
            using var anonymous = await host.ClientAsync(null);
            var problems = new List<(string Route, System.Text.Json.JsonElement Problem)>();
            async Task Send(HttpClient client, HttpMethod method, string path, HttpStatusCode status, HttpContent? content = null)
            {
                using var request = new HttpRequestMessage(method, path) { Content = content };
                if (english) request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
                var response = await client.SendAsync(request);
                problems.Add(($"{method} {path}", await response.ShouldBeProblemAsync(status)));
            }

            await Send(agent, HttpMethod.Get, "/api/projects/no-such-project", HttpStatusCode.NotFound);
            await Send(reviewer, HttpMethod.Post, "/api/projects", HttpStatusCode.Forbidden, JsonContent.Create(new { code = "X", name = "n", enterprise = "e" }));
            await Send(agent, HttpMethod.Get, "/api/steps/no-such-step", HttpStatusCode.NotFound);
            await Send(agent, HttpMethod.Get, "/api/cases/no-such-case", HttpStatusCode.NotFound);
            await Send(agent, HttpMethod.Get, $"/api/cases/{host.AcceptedCaseId}/audit", HttpStatusCode.Forbidden);
            await Send(agent, HttpMethod.Get, $"/api/cases/{host.AcceptedCaseId}/files/no-such-file", HttpStatusCode.NotFound);
            await Send(agent, HttpMethod.Get, "/api/supervision/ledger.xlsx", HttpStatusCode.Forbidden);
            await Send(supervisor, HttpMethod.Get, "/api/complaints/987654", HttpStatusCode.NotFound);
            await Send(agent, HttpMethod.Post, $"/api/cases/{host.AcceptedCaseId}/materials/APP/files", HttpStatusCode.BadRequest,
                new MultipartFormDataContent { { new StringContent("x"), "note" } });
            await Send(agent, HttpMethod.Put, "/api/notifications/settings", HttpStatusCode.BadRequest,
                JsonContent.Create(new { email = "not-an-address", language = "fr", emailKinds = new[] { "nope" } }));
            await Send(anonymous, HttpMethod.Post, "/api/auth/token", HttpStatusCode.BadRequest, JsonContent.Create(new { username = "" }));
            await Send(anonymous, HttpMethod.Post, "/api/auth/token", HttpStatusCode.Unauthorized, JsonContent.Create(new { username = "agent1", password = "wrong" }));
            // A user name of its own per language, guessed until locked: the lock's answer is in one language.
            var guessed = english ? "nobody-en" : "nobody-zh";
            for (var i = 0; i < 5; i++)
                await anonymous.PostAsJsonAsync("/api/auth/token", new { username = guessed, password = "guess" });
            await Send(anonymous, HttpMethod.Post, "/api/auth/token", HttpStatusCode.TooManyRequests, JsonContent.Create(new { username = guessed, password = "guess" }));

            string[] echoed = ["no-such-project", "no-such-step", "no-such-case", "no-such-file", host.AcceptedCaseId, "not-an-address", "nope"];
            foreach (var (route, problem) in problems)
            {
                var texts = new[] { "title", "detail" }.Where(p => problem.TryGetProperty(p, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String)
                    .Select(p => problem.GetProperty(p).GetString()!)
                    .Concat(problem.TryGetProperty("errors", out var errors)
                        ? errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString()!)) : []).ToList();
                texts.Should().NotBeEmpty(route);
                foreach (var text in texts)
                    if (english) Cjk().IsMatch(text).Should().BeFalse($"{route}: the English answer has no Chinese: {text}");
                    else
                    {
                        Cjk().IsMatch(text).Should().BeTrue($"{route}: the Chinese answer is Chinese: {text}");
                        // Ids and values echoed from the request are the caller's own text; any other English word is a leak ("projects").
                        var words = echoed.Aggregate(text, (t, id) => t.Replace(id, "", StringComparison.Ordinal));
                        EnglishWord().IsMatch(words).Should().BeFalse($"{route}: the Chinese answer has no English words: {text}");
                    }
            }
        }
    }

    private const string TakenCode = "2025-TAKEN-0001";

    /// <summary>Breaks a rule on every API route that has one; answers every problem body, one after the other.</summary>
    private async Task<string> ViolationsAsync(bool english)
    {
        using var agent = await host.ClientAsync("agent1");
        using var frontdesk = await host.ClientAsync("frontdesk");
        using var rf = await host.ClientAsync("reviewer-rf");
        using var zjj = await host.ClientAsync("reviewer-zjj");
        var answers = new List<string>();
        async Task Send(HttpClient client, string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (english) request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9,zh-CN;q=0.5");
            var response = await client.SendAsync(request);
            ((int)response.StatusCode).Should().BeInRange(400, 499, $"{path} breaks a rule");
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        var project = new { code = TakenCode, name = "重复代码项目", enterprise = "示例单位", kind = "EnterpriseInvested", priorApprovals = Array.Empty<string>() };
        await agent.PostAsJsonAsync("/api/projects", project); // the first registration takes the code (or took it in the other language's run)
        await Send(agent, "/api/projects", project);
        await Send(agent, "/api/projects", new { code = "X-" + Guid.NewGuid().ToString("N")[..8], name = "n", enterprise = "e", priorApprovals = new[] { "NOPE-9" } });
        await Send(agent, "/api/projects", new { code = "", name = "", enterprise = "" });
        await Send(agent, $"/api/projects/{host.ProjectId}/applications", new { stage = "CompletionAcceptance", materials = new[] { "APP", "NOPE-2" } });
        await Send(agent, $"/api/projects/{host.ProjectId}/applications", new { stage = "ConstructionPermit", matters = new[] { "ZJJ-001", "FGW-001" } });
        await Send(frontdesk, $"/api/steps/{host.IntakeStepId}/actions", new { outcome = "Refused" });
        await Send(frontdesk, $"/api/steps/{host.IntakeStepId}/actions", new { outcome = "AcceptedWithWaiver", commitmentSigned = true });
        await Send(frontdesk, $"/api/steps/{host.IntakeStepId}/actions", new { outcome = "SupplementRequired" });
        await Send(frontdesk, $"/api/steps/{host.IntakeStepId}/actions", new { outcome = "Accepted", missingMaterials = new[] { new { code = "NOPE-3", reason = "x" } } });
        await Send(rf, $"/api/steps/{host.OpinionStepId}/actions", new { outcome = "Disagree" });
        await Send(rf, $"/api/steps/{host.OpinionStepId}/actions", new { outcome = "AgreeWithConditions" });
        await Send(zjj, $"/api/steps/{host.ConsolidationStepId}/actions", new { outcome = "Passed" });
        await Send(agent, $"/api/cases/{host.AcceptedCaseId}/materials", new { materials = new[] { "NOPE-1" } });
        return string.Join("\n", answers);
    }

    private enum Language { Chinese, English }

    /// <summary>Fails when <paramref name="text"/> holds a fixed part (between arguments) of any rule text in <paramref name="language"/>.</summary>
    private static void ShouldHaveNoRuleTextOf(string text, Language language)
    {
        foreach (var code in RuleCodes.All)
        {
            var (zh, en) = RuleTexts.Templates(code);
            var template = language == Language.Chinese ? zh : en;
            var parts = Placeholder().Split(template).Select(p => p.Trim(' ', ':', '：', ';', '；', ',', '，', '.', '。', '「', '」', '(', ')', '（', '）'))
                .Where(p => language == Language.Chinese ? Cjk().Matches(p).Count >= 3 : p.Count(c => c == ' ') >= 1 && p.Length >= 8);
            foreach (var part in parts)
                text.Should().NotContain(part, $"a {(language == Language.Chinese ? "Chinese" : "English")} rule message ({code}) may not appear in the other language");
        }
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

}
