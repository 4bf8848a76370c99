using System.Net;
using System.Text.RegularExpressions;

namespace Workflow.Host.Tests.Pages;

/// <summary>Posts a page's form as a browser would: the antiforgery token and hidden fields are read from the page first.</summary>
public static partial class PageForms
{
    /// <summary>GETs <paramref name="path"/>, then POSTs <paramref name="fields"/> to it with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetAsync(path);
        page.StatusCode.Should().Be(HttpStatusCode.OK, $"the form at {path} opens");
        var token = Antiforgery().Match(await page.Content.ReadAsStringAsync());
        token.Success.Should().BeTrue("the form carries an antiforgery token");
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token.Groups[1].Value))));
    }

    /// <summary>The value of the hidden input <paramref name="name"/> in <paramref name="html"/>.</summary>
    public static string Hidden(string html, string name)
    {
        var match = new Regex($"""<input type="hidden" name="{Regex.Escape(name)}" value="([^"]*)" """.TrimEnd()).Match(html);
        match.Success.Should().BeTrue($"the page has the hidden field {name}");
        return match.Groups[1].Value;
    }

    public static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>The antiforgery token of the form in <paramref name="html"/> (for a multipart post built by hand).</summary>
    public static string AntiforgeryToken(string html)
    {
        var token = Antiforgery().Match(html);
        token.Success.Should().BeTrue("the form carries an antiforgery token");
        return token.Groups[1].Value;
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)""")]
    private static partial Regex Antiforgery();
}
