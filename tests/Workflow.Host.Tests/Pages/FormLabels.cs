using System.Net;
using System.Text.RegularExpressions;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// Finds the form controls of a server-rendered page that a screen reader could not name (#13, "every input with a
/// label"): a visible <c>input</c>, <c>select</c> or <c>textarea</c> with neither a <c>&lt;label for&gt;</c>, a wrapping
/// <c>&lt;label&gt;</c>, nor <c>aria-label</c> / <c>aria-labelledby</c>. A placeholder is not a label: it disappears on
/// typing and many readers skip it. The test project has no HTML parser and Chromium is not on every machine, so this
/// reads the markup itself: the pages are Razor output, well-formed enough for a tag scanner with a stack of open elements.
/// </summary>
public static partial class FormLabels
{
    /// <summary>Descriptions of the unlabelled controls in <paramref name="html"/>, empty when every one has a label.</summary>
    public static IReadOnlyList<string> Unlabelled(string html) => Controls(html).Where(c => !c.Labelled).Select(c => c.Markup).ToList();

    /// <summary>The visible controls of <paramref name="html"/> with the <c>id</c>s they carry (for coverage checks).</summary>
    public static IReadOnlyList<string> ControlIds(string html) => Controls(html).Select(c => c.Id).OfType<string>().ToList();

    private sealed record Control(string Markup, string? Id, bool Labelled);

    private sealed record Element(string Name, IReadOnlyDictionary<string, string> Attributes);

    private static readonly HashSet<string> Void = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    /// <summary>Types of <c>input</c> that are not filled in by the user, or are labelled by their own text.</summary>
    private static readonly HashSet<string> NotFields = ["hidden", "submit", "button", "reset", "image"];

    private static List<Control> Controls(string html)
    {
        // Comments, scripts, styles and templates render no controls; a '<' inside them would confuse the scanner.
        html = Unrendered().Replace(html, "");
        var labelTargets = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<(string Markup, Element Element, bool InLabel, bool InHidden)>();
        var open = new List<Element>();
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (tag.Groups["end"].Success)
            {
                var at = open.FindLastIndex(e => e.Name == name);
                if (at >= 0) open.RemoveRange(at, open.Count - at);
                continue;
            }

            var element = new Element(name, Attributes(tag.Groups["attributes"].Value));
            if (element.Attributes.TryGetValue("id", out var id)) ids.Add(id);
            if (name == "label" && element.Attributes.TryGetValue("for", out var target)) labelTargets.Add(target);
            if (name is "input" or "select" or "textarea")
                found.Add((tag.Value, element, open.Any(e => e.Name == "label"), open.Any(e => e.Attributes.ContainsKey("hidden"))));
            if (!Void.Contains(name) && !tag.Value.EndsWith("/>", StringComparison.Ordinal))
                open.Add(element);
        }

        return found
            .Where(f => !f.InHidden && !f.Element.Attributes.ContainsKey("hidden")
                && !(f.Element.Name == "input" && NotFields.Contains(f.Element.Attributes.GetValueOrDefault("type", "text").ToLowerInvariant())))
            .Select(f =>
            {
                var a = f.Element.Attributes;
                var labelled = f.InLabel
                    || (a.TryGetValue("id", out var id) && labelTargets.Contains(id))
                    || (a.TryGetValue("aria-label", out var aria) && !string.IsNullOrWhiteSpace(aria))
                    || (a.TryGetValue("aria-labelledby", out var by) && by.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } refs && refs.All(ids.Contains));
                return new Control(f.Markup, a.GetValueOrDefault("id"), labelled);
            })
            .ToList();
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match a in Attribute().Matches(text))
        {
            var value = a.Groups["dq"].Success ? a.Groups["dq"].Value : a.Groups["sq"].Success ? a.Groups["sq"].Value : a.Groups["bare"].Value;
            attributes.TryAdd(a.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }
        return attributes;
    }

    [GeneratedRegex("""<!--.*?-->|<(script|style|template)\b[^>]*>.*?</\1\s*>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Unrendered();

    [GeneratedRegex("""<(?<end>/)?(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attributes>(?:[^>"']|"[^"]*"|'[^']*')*)>""")]
    private static partial Regex Tag();

    [GeneratedRegex("""(?<name>[^\s=/>"']+)(?:\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>[^\s>"']+)))?""")]
    private static partial Regex Attribute();
}
