using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>Elsa.HttpEndpoint's path templates: literal segments match case-insensitively, <c>{name}</c> captures one segment.</summary>
public static class HttpRoute
{
    /// <summary><paramref name="path"/> with one leading slash and none trailing.</summary>
    public static string Normalize(string? path) => "/" + (path ?? "").Trim().Trim('/');

    /// <summary>The captured route values when <paramref name="path"/> matches <paramref name="template"/>, else null.</summary>
    public static JsonObject? Match(string template, string path)
    {
        var t = Normalize(template).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var p = Normalize(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (t.Length != p.Length) return null;
        var values = new JsonObject();
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i].StartsWith('{') && t[i].EndsWith('}')) values[t[i][1..^1].Split(':')[0]] = Uri.UnescapeDataString(p[i]);
            else if (!string.Equals(t[i], p[i], StringComparison.OrdinalIgnoreCase)) return null;
        }
        return values;
    }
}
