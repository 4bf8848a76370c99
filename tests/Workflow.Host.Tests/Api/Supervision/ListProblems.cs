using System.Net;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>What every list answers to a bad list parameter (docs/api.md, *Lists*): 400 naming it, in the caller's language.</summary>
internal static class ListProblems
{
    /// <summary>Asks <paramref name="path"/> in Chinese (the default) and in English; each answer names <paramref name="field"/> with the expected text.</summary>
    public static async Task ShouldNameBadParameterAsync(this HttpClient client, string path, string field, string chinese, string english)
    {
        var zh = await (await client.GetAsync(path)).JsonAsync(HttpStatusCode.BadRequest);
        zh.GetProperty("title").GetString().Should().Be("列表参数无效。");
        zh.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(chinese);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest);
        en.GetProperty("title").GetString().Should().Be("The list parameters are not valid.");
        en.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(english);
    }
}
