using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Workflow.Host.Web.Display;

/// <summary>The errors of one form field, shown next to it (the keys are the domain's field names, as in problem details).</summary>
public static class FieldErrors
{
    // Chinese messages stay readable in the page source, as the rest of the pages (WebApp configures Razor alike).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IHtmlContent For(IReadOnlyDictionary<string, string[]> errors, string field)
    {
        if (!errors.TryGetValue(field, out var messages) || messages.Length == 0)
            return HtmlString.Empty;
        var items = string.Concat(messages.Select(m => $"<li>{Encoder.Encode(m)}</li>"));
        return new HtmlString($"<ul class=\"field-errors\" role=\"alert\" data-field=\"{Encoder.Encode(field)}\">{items}</ul>");
    }
}
