using System.Net;
using System.Net.Http.Json;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Pages;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// Input limits (docs/api.md, Input limits): every over-long text is a field error in the API and on the pages and
/// is never stored; a body above <c>Limits:MaxRequestBodyBytes</c> is 413 problem details. The limits are written
/// here as numbers (not read from the code) so that a changed limit fails until the documentation says so.
/// </summary>
public sealed class InputLimitTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    [Theory]
    [InlineData("code", 51)]
    [InlineData("name", 201)]
    [InlineData("enterprise", 201)]
    public async Task An_over_long_project_field_is_refused_in_the_API_and_on_the_page_and_not_stored(string field, int length)
    {
        var text = new string('长', length);
        var fields = new Dictionary<string, string> { ["code"] = "LIM-" + Guid.NewGuid().ToString("N")[..8], ["name"] = "限长项目", ["enterprise"] = "限长单位" };
        fields[field] = text;
        using var agent = await host.ClientAsync("agent1");
        var problem = await (await agent.PostAsJsonAsync("/api/projects", new { code = fields["code"], name = fields["name"], enterprise = fields["enterprise"] }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Be($"最多 {length - 1} 个字符");

        using var page = await host.SignedInClientAsync("agent1");
        var post = await page.PostFormAsync("/projects", [F("Form.Code", fields["code"]), F("Form.Name", fields["name"]), F("Form.Enterprise", fields["enterprise"]), F("Form.Kind", "EnterpriseInvested")]);
        post.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await post.Content.ReadAsStringAsync()).Should().Contain($"data-field=\"{field}\"").And.Contain($"最多 {length - 1} 个字符");

        var listed = await agent.GetJsonAsync("/api/projects?search=" + Uri.EscapeDataString(field == "code" ? "长长长" : fields["code"]));
        listed.GetProperty("totalCount").GetInt32().Should().Be(0, "nothing was stored");
    }

    [Theory]
    [InlineData("opinion", 2001, 1, 10)]
    [InlineData("conditions", 10, 1, 501)]
    [InlineData("conditions", 10, 21, 10)]
    public async Task An_over_long_opinion_or_condition_is_refused_in_the_API_and_on_the_page(string field, int opinionLength, int conditionCount, int conditionLength)
    {
        var opinion = new string('意', opinionLength);
        var conditions = Enumerable.Range(0, conditionCount).Select(i => new string('条', conditionLength)).ToArray();
        using var rf = await host.ClientAsync("reviewer-rf");
        var problem = await (await rf.PostAsJsonAsync($"/api/steps/{host.OpinionStepId}/actions", new { outcome = "AgreeWithConditions", opinion, conditions }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();

        using var page = await host.SignedInClientAsync("reviewer-rf");
        var post = await page.PostFormAsync($"/steps/{host.OpinionStepId}", [F("Outcome", "AgreeWithConditions"), F("Opinion", opinion), F("Conditions", string.Join("\n", conditions))]);
        post.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await post.Content.ReadAsStringAsync()).Should().Contain($"data-field=\"{field}\"");

        var step = await rf.GetJsonAsync($"/api/steps/{host.OpinionStepId}");
        step.Text("state").Should().Be("Open", "nothing was applied");
    }

    [Fact]
    public async Task An_over_long_supplement_reason_is_refused()
    {
        using var frontdesk = await host.ClientAsync("frontdesk");
        var problem = await (await frontdesk.PostAsJsonAsync($"/api/steps/{host.IntakeStepId}/actions",
            new { outcome = "SupplementRequired", missingMaterials = new[] { new { code = "APP", reason = new string('因', 501) } } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("missingMaterials")[0].GetString().Should().Be("最多 500 个字符");
    }

    [Fact]
    public async Task A_body_above_the_configured_size_is_413_problem_details_in_the_callers_language()
    {
        using var agent = await host.ClientAsync("agent1");
        var huge = new string('x', 5 * 1024 * 1024);
        async Task<System.Text.Json.JsonElement> Send(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = JsonContent.Create(new { code = "BIG-1", name = huge, enterprise = "e" }) };
            if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
            await request.Content.LoadIntoBufferAsync(); // a Content-Length, as clients send
            return await (await agent.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        }
        (await Send(null)).GetProperty("title").GetString().Should().Be("请求体过大。");
        var en = await Send("en");
        en.GetProperty("title").GetString().Should().Be("The request body is too large.");
    }

    [Fact]
    public async Task An_over_long_feed_label_is_refused_in_the_API_and_on_the_page_and_not_cut()
    {
        var label = new string('订', 101);
        using var agent = await host.ClientAsync("agent1");
        var problem = await (await agent.PostAsJsonAsync("/api/feeds", new { label })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("label")[0].GetString().Should().Be("备注最多 100 个字符");

        using var page = await host.SignedInClientAsync("agent1");
        var post = await page.PostFormAsync("/feeds?handler=Create", [F("Label", label)]);
        post.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await post.Content.ReadAsStringAsync()).Should().Contain("备注最多 100 个字符");
        (await agent.GetJsonAsync("/api/feeds")).ToString().Should().NotContain("订订订", "nothing was stored, not even cut short");
    }

    /// <summary>
    /// A material file may be larger than other bodies: up to <c>Files:MaxBytes</c> (20 MB by default) plus 1 MiB of
    /// multipart envelope, through the API and the case page's upload form; above that, 413 naming the limit.
    /// </summary>
    [Fact]
    public async Task A_material_file_above_the_body_limit_of_other_requests_is_taken_up_to_its_own_limit()
    {
        using var agent = await host.AsUserAsync("agent1");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        byte[] scan = [.. MaterialFileTests.Pdf, .. new byte[6 * 1024 * 1024]];
        (await agent.PostAsync($"/api/cases/{caseId}/materials/APP/files", FileForm("file", "申请表.pdf", scan))).StatusCode.Should().Be(HttpStatusCode.Created);

        using var page = await host.SignedInClientAsync("agent1");
        var form = FileForm("upload", "施工方案.pdf", scan);
        form.Add(new StringContent(AntiforgeryToken(await page.GetStringAsync($"/cases/{caseId}"))), "__RequestVerificationToken");
        form.Add(new StringContent("ZJJ-003-PLAN"), "materialCode");
        var uploaded = await page.PostAsync($"/cases/{caseId}?handler=Upload", form);
        uploaded.StatusCode.Should().Be(HttpStatusCode.Redirect, await uploaded.Content.ReadAsStringAsync());
        (await agent.GetJsonAsync($"/api/cases/{caseId}/files")).GetArrayLength().Should().Be(2);

        byte[] tooLarge = [.. MaterialFileTests.Pdf, .. new byte[21 * 1024 * 1024]];
        var refused = await (await agent.PostAsync($"/api/cases/{caseId}/materials/APP/files", FileForm("file", "大.pdf", tooLarge)))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        refused.GetProperty("detail").GetString().Should().Be("请求体最多 22020096 字节。");
    }

    private static MultipartFormDataContent FileForm(string field, string name, byte[] content)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { part, field, name } };
    }

    /// <summary>
    /// Every other free text a user enters through the API (docs/api.md, Input limits), one row each: who sends it,
    /// where, the field and its limit. The text is one character over; the answer is 422 naming the field in Chinese
    /// (no Accept-Language) and in English.
    /// </summary>
    [Theory]
    [InlineData("complaint text", "agent1", "text", 2000)]
    [InlineData("rating comment", "agent1", "comment", 2000)]
    [InlineData("complaint reply", "supervisor", "reply", 2000)]
    [InlineData("file defect reason", "frontdesk", "reason", 500)]
    [InlineData("certificate number", "reviewer-rf", "certificateNumber", 100)]
    [InlineData("urging message", "supervisor", "message", 2000)]
    [InlineData("intake refusal reason", "frontdesk", "opinion", 2000)]
    public async Task Every_free_text_of_the_API_is_refused_one_character_over_its_limit(string what, string user, string field, int limit)
    {
        var text = new string('字', limit + 1);
        (string Path, object Body) request = what switch
        {
            "complaint text" => ("/api/complaints", new { caseId = host.AcceptedCaseId, department = "zjj", text }),
            "rating comment" => ($"/api/cases/{host.AcceptedCaseId}/ratings", new { matter = "ZJJ-004", stars = 5, comment = text }),
            "complaint reply" => ("/api/complaints/999999/answer", new { reply = text }),
            "file defect reason" => ($"/api/steps/{host.IntakeStepId}/files/no-such-file/defective", new { reason = text }),
            "certificate number" => ($"/api/steps/{host.OpinionStepId}/actions", new { outcome = "Agree", certificateNumber = text }),
            "urging message" => ("/api/supervision/urgings", new { stepId = host.IntakeStepId, message = text, replyDue = "2030-01-01" }),
            _ => ($"/api/steps/{host.IntakeStepId}/actions", new { outcome = "Refused", opinion = text }),
        };
        using var client = await host.ClientAsync(user);
        foreach (var (language, expected) in new[] { ((string?)null, $"最多 {limit} 个字符"), ("en", $"at most {limit} characters") })
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = JsonContent.Create(request.Body) };
            if (language is not null) message.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await (await client.SendAsync(message)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).Should().Contain(expected, what);
        }
    }

    [Fact]
    public async Task An_over_long_supplement_reason_is_refused_on_the_step_page_naming_the_field_in_the_pages_language()
    {
        using var page = await host.SignedInClientAsync("frontdesk");
        var form = new[] { F("Outcome", "SupplementRequired"), F("Items[0].Code", "APP"), F("Items[0].Ticked", "true"), F("Items[0].Reason", new string('因', 501)) };
        var zh = await page.PostFormAsync($"/steps/{host.IntakeStepId}", form);
        zh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("data-field=\"missingMaterials\"><li>最多 500 个字符</li>");
        var en = await page.PostFormAsync($"/steps/{host.IntakeStepId}?culture=en", form);
        en.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await en.Content.ReadAsStringAsync()).Should().Contain("data-field=\"missingMaterials\"><li>at most 500 characters</li>");
        (await page.GetStringAsync($"/steps/{host.IntakeStepId}?culture=zh-CN")).Should().Contain("maxlength=\"500\"", "the page's inputs carry the same limit");
        (await (await host.ClientAsync("frontdesk")).GetJsonAsync($"/api/steps/{host.IntakeStepId}")).Text("state").Should().Be("Open", "nothing was applied");
    }

    [Fact]
    public async Task An_over_long_complaint_is_refused_on_the_feedback_page_naming_the_field_in_the_pages_language()
    {
        using var page = await host.SignedInClientAsync("agent1");
        var form = new[] { F("About", "department:zjj"), F("Text", new string('投', 2001)) };
        var zh = await page.PostFormAsync($"/cases/{host.AcceptedCaseId}/feedback?handler=Complain", form);
        zh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("data-field=\"text\">最多 2000 个字符<");
        var en = await page.PostFormAsync($"/cases/{host.AcceptedCaseId}/feedback?handler=Complain&culture=en", form);
        (await en.Content.ReadAsStringAsync()).Should().Contain("data-field=\"text\">at most 2000 characters<");
        using var agent = await host.ClientAsync("agent1");
        (await agent.GetJsonAsync("/api/complaints")).GetProperty("items").EnumerateArray().Should().NotContain(c => c.GetProperty("text").GetString()!.Length > 2000, "nothing was stored");
    }
}
