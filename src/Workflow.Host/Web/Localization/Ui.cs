using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workflow.Host.Web.Localization;

/// <summary>
/// The two languages: Chinese (<c>zh-CN</c>, the default) and English (<c>en</c>). A page's language comes from
/// <c>?culture=en</c> or the culture cookie that the language links set, never from the browser's Accept-Language,
/// so that a page is Chinese unless the user asks otherwise. The API (<c>/api</c>) and the Studio's API (<c>/elsa/api</c>)
/// answer in the language of the request's <c>Accept-Language</c> header only (Chinese without one), never the pages'
/// cookie (docs/api.md, *Languages*).
/// </summary>
public static class Ui
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>True when the current request's UI language is English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the current request's language. Translations sit next to their use, in pairs.</summary>
    public static string T(string chinese, string english) => IsEnglish ? english : chinese;

    /// <summary>The <c>lang</c> attribute of the current page.</summary>
    public static string HtmlLang => IsEnglish ? "en" : "zh-CN";

    /// <summary>Configures request localization as described on <see cref="Ui"/>.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(Chinese);
        options.SupportedCultures = [Chinese, English];
        options.SupportedUICultures = [Chinese, English];
        options.RequestCultureProviders = [new CustomRequestCultureProvider(ApiCulture), new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
    }

    /// <summary>
    /// For <c>/api</c> and <c>/elsa/api</c> requests: the first language of <c>Accept-Language</c> (by quality) that is Chinese or English, else
    /// Chinese; null for other requests, so that the pages' providers decide.
    /// </summary>
    private static Task<ProviderCultureResult?> ApiCulture(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/elsa/api", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult<ProviderCultureResult?>(null);
        var languages = context.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value ?? "");
        var chosen = languages.FirstOrDefault(l => l.StartsWith("en", StringComparison.OrdinalIgnoreCase) || l.StartsWith("zh", StringComparison.OrdinalIgnoreCase));
        var culture = chosen?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? English : Chinese;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture.Name));
    }

    /// <summary>Remembers the culture asked for with <c>?culture=</c> in the culture cookie, for the next pages.</summary>
    public static void RememberChoice(HttpContext context)
    {
        if (!context.Request.Query.ContainsKey("culture"))
            return;
        var culture = IsEnglish ? English : Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
    }
}
