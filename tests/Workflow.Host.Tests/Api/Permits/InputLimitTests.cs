using System.Net;
using System.Net.Http.Json;
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
}
