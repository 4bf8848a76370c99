using System.Net;
using System.Text.Json;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Host.Tests.Pages;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Api.Public;

/// <summary>The public progress lookup (查询办件进度, docs/public.md): no sign-in, number + query code, nothing else.</summary>
public sealed class PublicLookupTests(PublicHost host) : IClassFixture<PublicHost>
{
    private string Number => host.InReview.Text("caseNumber");
    private string Code => host.InReview.Text("queryCode");

    [Fact]
    public async Task The_right_number_and_code_show_the_progress_without_signing_in()
    {
        using var anonymous = host.Anonymous();
        var progress = await anonymous.GetJsonAsync($"/api/public/cases/{Number}?code={Code.ToLowerInvariant()}");

        progress.Text("caseNumber").Should().Be(Number);
        progress.Text("stage").Should().Be("ConstructionPermit");
        progress.Text("stageName").Should().Be("施工许可");
        progress.Text("state").Should().Be("InReview");
        progress.GetProperty("remainingWorkingDays").GetDouble().Should().BeGreaterThan(0);
        var matters = progress.GetProperty("matters").EnumerateArray().ToDictionary(m => m.Text("code"));
        matters.Keys.Should().BeEquivalentTo(["ZJJ-001", "ZJJ-002", "ZJJ-003", "SCJG-001"]);
        matters["ZJJ-002"].Text("department").Should().Be("zjj");
        matters["ZJJ-002"].Text("progress").Should().Be("InReview", "the parallel review holds it");
        matters["SCJG-001"].Text("department").Should().Be("scjg");
        matters["ZJJ-001"].Text("progress").Should().Be("Pending", "the construction-permit review comes after the parallel review");
    }

    [Fact]
    public async Task The_answer_lists_exactly_these_fields_and_no_personal_or_internal_data()
    {
        using var anonymous = host.Anonymous();
        var body = await (await anonymous.GetAsync($"/api/public/cases/{Number}?code={Code}")).Content.ReadAsStringAsync();
        var progress = JsonDocument.Parse(body).RootElement;

        progress.EnumerateObject().Select(p => p.Name).Should().Equal(
            "caseNumber", "stage", "stageName", "state", "remainingWorkingDays", "clockSuspended", "hold", "matters");
        foreach (var matter in progress.GetProperty("matters").EnumerateArray())
            matter.EnumerateObject().Select(p => p.Name).Should().Equal("code", "name", "department", "departmentName", "departmentEnglishName", "progress");
        // Who applied, for which project and enterprise, the case's id and its code: none of it is in the answer.
        body.Should().NotContain("agent1").And.NotContain("滨江花园").And.NotContain("示例建设有限公司")
            .And.NotContain(host.InReview.Id()).And.NotContain(Code).And.NotContain("reviewer");
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_number_answer_the_same_404()
    {
        using var anonymous = host.Anonymous();
        var wrongCode = Code[..7] + (Code[7] == 'Z' ? 'Y' : 'Z');
        var wrong = await (await anonymous.GetAsync($"/api/public/cases/{Number}?code={wrongCode}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await anonymous.GetAsync($"/api/public/cases/2099-3-999999?code={Code}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await anonymous.GetAsync($"/api/public/cases/{Number}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        static string WithoutCorrelation(JsonElement problem) =>
            string.Join(",", problem.EnumerateObject().Where(p => p.Name is not ("correlationId" or "traceId")).Select(p => $"{p.Name}={p.Value}"));
        WithoutCorrelation(wrong).Should().Be(WithoutCorrelation(unknown)).And.Be(WithoutCorrelation(missing));
        wrong.Text("detail").Should().Be("办件编号或查询码不正确。");
    }

    [Fact]
    public async Task The_lookup_page_shows_the_progress_and_the_same_refusal_for_a_wrong_code()
    {
        using var anonymous = host.Anonymous();
        var page = await anonymous.GetStringAsync("/lookup");
        page.Should().Contain("查询办件进度").And.Contain("id=\"query-code\"");
        var form = await anonymous.PostFormAsync("/lookup", [F("CaseNumber", Number), F("Code", Code)]);
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await form.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"progress\"").And.Contain("审批中").And.Contain("<td>ZJJ-002 施工图设计文件审查</td><td>住房城乡建设</td><td>审查中</td>").And.NotContain("滨江花园").And.NotContain(Code);

        var wrong = await anonymous.PostFormAsync("/lookup", [F("CaseNumber", Number), F("Code", "ZZZZZZZZ")]);
        wrong.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("lookup-not-found").And.NotContain("id=\"progress\"");
    }

    /// <summary>
    /// A stopped clock is labelled from its cause (issue #13, item 7), not with a fixed 「计时暂停」: while a department waits
    /// for the applicant's materials the API names the cause and the page says so in either language.
    /// </summary>
    [Fact]
    public async Task A_supplement_is_named_as_the_cause_of_the_stopped_clock_in_the_api_and_on_the_page()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var reviewer = await host.AsUserAsync("reviewer-zjj");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "滨江花园三期"), Workflow.Definitions.Catalogue.Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        await reviewer.ActAsync((await admin.OpenStepAsync(caseId, "zjj")).Id(), new
        {
            outcome = "SupplementRequested", opinion = "请补充施工方案",
            missingMaterials = new[] { new { code = "ZJJ-003-PLAN", reason = "缺少专家论证意见" } },
        });
        var filed = await admin.GetJsonAsync($"/api/cases/{caseId}");
        var (number, code) = (filed.Text("caseNumber"), filed.Text("queryCode"));

        using var anonymous = host.Anonymous();
        var progress = await anonymous.GetJsonAsync($"/api/public/cases/{number}?code={code}");
        progress.GetProperty("clockSuspended").GetBoolean().Should().BeTrue();
        var hold = progress.GetProperty("hold");
        hold.Text("cause").Should().Be("Supplement");
        hold.GetProperty("procedure").ValueKind.Should().Be(JsonValueKind.Null);
        hold.GetProperty("start").GetString().Should().NotBeNullOrEmpty();

        var zh = await (await anonymous.PostFormAsync("/lookup", [F("CaseNumber", number), F("Code", code)])).Content.ReadAsStringAsync();
        zh.Should().Contain("data-cause=\"Supplement\"").And.Contain("计时暂停：等待申请人补正，自 ").And.NotContain("施工方案").And.NotContain("缺少专家论证意见");
        var en = await (await anonymous.PostFormAsync("/lookup?culture=en", [F("CaseNumber", number), F("Code", code)])).Content.ReadAsStringAsync();
        en.Should().Contain("clock stopped: waiting for the applicant&#x27;s supplement, from ");
    }
}

/// <summary>The public lookup's rate limit (PublicLookup:PermitPerMinute = 3 on this host).</summary>
public sealed class PublicRateLimitTests(ThreePerMinuteHost host) : IClassFixture<ThreePerMinuteHost>
{
    [Fact]
    public async Task More_lookups_than_the_configured_rate_answer_429_with_retry_after_in_the_callers_language()
    {
        using var anonymous = host.Anonymous();
        for (var i = 0; i < 3; i++)
            (await anonymous.GetAsync("/api/public/cases/2099-3-000001?code=ABCDEFGH")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var over = await anonymous.GetAsync("/api/public/cases/2099-3-000001?code=ABCDEFGH");
        var problem = await over.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Text("title").Should().Be("查询过于频繁。");
        int.Parse(over.Headers.RetryAfter!.ToString()).Should().BeInRange(1, 60);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/certificates/ABCDEFGH");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await anonymous.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        english.Text("title").Should().Be("Too many lookups.", "the certificate check shares the client's budget");
        (await anonymous.GetAsync("/api/cases")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "signed-in routes are not limited by it");
    }

}
