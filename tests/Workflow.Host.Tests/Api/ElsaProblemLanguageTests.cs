using System.Net;
using System.Text.Json;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api;

/// <summary>
/// The Studio's API (<c>/elsa/api</c>) answers its own problem details in the request's <c>Accept-Language</c>, Chinese
/// without one, as the permit API (issue #13, "Every message in the user's language"; docs/api.md, *Languages*). The
/// shape stays what the Studio reads (../shared/studio/STUDIO-API.md: the texts under <c>errors</c>, else <c>detail</c>,
/// <c>title</c>; Elsa Studio's <c>Elsa.Studio.Workflows.Core/Domain/Models/ValidationErrors.cs</c> collects them).
/// </summary>
public sealed class ElsaProblemLanguageTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Cjk = @"\p{IsCJKUnifiedIdeographs}";

    [Theory]
    [InlineData("/elsa/api/workflow-definitions/by-definition-id/no-such-definition?versionOptions=Latest", HttpStatusCode.NotFound, "未找到流程定义。", "Workflow definition not found.", null)]
    [InlineData("/elsa/api/workflow-definitions/by-definition-id/no-such-definition?versionOptions=Sometimes", HttpStatusCode.BadRequest, "版本无效。", "The version is not valid.", "versionOptions")]
    [InlineData("/elsa/api/workflow-definitions?PageSize=0", HttpStatusCode.BadRequest, "列表的查询条件无效。", "The list query is not valid.", "PageSize")]
    [InlineData("/elsa/api/no-such-feature", HttpStatusCode.NotFound, "未找到。", "Not found.", null)]
    public async Task A_problem_of_the_studios_api_speaks_the_callers_language(string path, HttpStatusCode status, string zhTitle, string enTitle, string? field)
    {
        using var designer = await host.AsUserAsync("designer");
        async Task<JsonElement> Ask(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await (await designer.SendAsync(request)).ShouldBeProblemAsync(status);
            problem.GetProperty("status").GetInt32().Should().Be((int)status, "the problem details' shape is unchanged");
            return problem;
        }

        foreach (var zh in new[] { await Ask(null), await Ask("zh-CN,zh;q=0.9") })
        {
            zh.Text("title").Should().Be(zhTitle);
            if (field is not null) zh.GetProperty("errors").GetProperty(field)[0].GetString().Should().MatchRegex(Cjk);
            else zh.Text("detail").Should().MatchRegex(Cjk);
        }
        var en = await Ask("en-US,en;q=0.9");
        en.Text("title").Should().Be(enTitle);
        if (field is not null) en.GetProperty("errors").GetProperty(field)[0].GetString().Should().NotMatchRegex(Cjk);
        else en.Text("detail").Should().NotMatchRegex(Cjk);
    }
}
