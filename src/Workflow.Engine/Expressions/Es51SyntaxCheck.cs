namespace Workflow.Engine.Expressions;

/// <summary>
/// Checks that a script stays within ECMAScript 5.1 (what Jint 2.10.4 runs), naming the first ES2015+ construct
/// found, and whether it must run as a function body (it contains <c>return</c>). Strings and comments are skipped,
/// so <c>"=>"</c> inside a string literal is fine.
/// </summary>
public static class Es51SyntaxCheck
{
    /// <summary>The ES2015+ construct used, e.g. "template literal (`...`)", or null when none was found.</summary>
    public static string? FindModernConstruct(string script)
    {
        foreach (var (token, _) in Tokens(script))
        {
            switch (token)
            {
                case "`": return "template literal (`...`)";
                case "=>": return "arrow function (=>)";
                case "let": return "'let' declaration";
                case "const": return "'const' declaration";
                case "class": return "'class' declaration";
                case "...": return "spread/rest syntax (...)";
            }
        }
        if (System.Text.RegularExpressions.Regex.IsMatch(StripStringsAndComments(script), @"\bfor\s*\([^;)]*\bof\b"))
            return "for...of loop";
        return null;
    }

    /// <summary>True when the script contains the keyword <c>return</c> outside strings and comments.</summary>
    public static bool IsFunctionBody(string script) => Tokens(script).Any(t => t.Token == "return");

    internal static string StripStringsAndComments(string script) => string.Join(" ", Tokens(script).Select(t => t.Token));

    private static IEnumerable<(string Token, int Position)> Tokens(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
                continue;
            }
            if (c is '"' or '\'')
            {
                var start = i++;
                while (i < s.Length && s[i] != c)
                {
                    if (s[i] == '\\') i++;
                    i++;
                }
                i++;
                yield return ("\"\"", start);
                continue;
            }
            if (c == '`') { yield return ("`", i); yield break; }
            if (char.IsLetter(c) || c is '_' or '$')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '$')) i++;
                yield return (s[start..i], start);
                continue;
            }
            if (c == '=' && i + 1 < s.Length && s[i + 1] == '>') { yield return ("=>", i); i += 2; continue; }
            if (c == '.' && i + 2 < s.Length && s[i + 1] == '.' && s[i + 2] == '.') { yield return ("...", i); i += 3; continue; }
            yield return (c.ToString(), i);
            i++;
        }
    }
}
