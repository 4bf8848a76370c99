using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Workflow.Host.Tests.Api.Contract;

/// <summary>
/// The app's own OpenAPI document as a checker of answers: the route and method must be an operation of the document,
/// the status one of its responses, the content type the declared one, and the body valid against the declared schema
/// (JSON Schema 2020-12, JsonSchema.Net, with format validation). Requests outside the document's paths are not its
/// business (the Elsa API, pages, unknown routes).
/// </summary>
public sealed class OpenApiContract
{
    private const string DocumentUri = "https://workflow.test/openapi/v1.json";
    private readonly JsonNode _document;
    private readonly List<(Regex Pattern, int Parameters, string Template)> _paths;
    private readonly EvaluationOptions _options;

    public OpenApiContract(string documentJson)
    {
        // Absolute references, so that a response schema lifted out of the document still finds the components.
        _document = JsonNode.Parse(documentJson.Replace("\"#/components/", $"\"{DocumentUri}#/components/", StringComparison.Ordinal))!;
        _paths = _document["paths"]!.AsObject().Select(p => p.Key)
            .Select(t => (new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{[^/]+?\}", "[^/]+") + "$"), t.Count(c => c == '{'), t))
            .ToList();
        _options = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };
        _options.SchemaRegistry.Register(new JsonNodeBaseDocument(_document, new Uri(DocumentUri)));
    }

    public JsonNode Document => _document;

    /// <summary>The document's path template for a request path, or null when the document does not describe it.</summary>
    public string? TemplateOf(string path) =>
        _paths.Where(p => p.Pattern.IsMatch(path)).OrderBy(p => p.Parameters).Select(p => p.Template).FirstOrDefault();

    /// <summary>What is wrong with this answer, as lines; empty when the document describes it.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? contentType, string body)
    {
        if (TemplateOf(path) is not { } template) return [];
        var where = $"{method} {path} ({template}) → {status}";
        if (_document["paths"]![template]![method.ToLowerInvariant()] is not JsonObject operation)
            return method == "OPTIONS" || status == 405 ? [] : [$"{where}: the document has no {method} operation here"];
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(CultureInfo.InvariantCulture)] ?? responses["default"];
        if (response is null) return [$"{where}: status not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        if (response["content"] is not JsonObject { Count: > 0 } content || method == "HEAD" || status == 204) return [];
        if (body.Length == 0) return [$"{where}: the document promises a body, the answer has none"];
        var mediaType = contentType?.Split(';')[0].Trim();
        if (mediaType is null || content[mediaType] is not JsonObject media)
            return [$"{where}: content type '{mediaType}' not documented (documented: {string.Join(", ", content.Select(c => c.Key))})"];
        if (media["schema"] is not JsonNode schemaNode || !mediaType.Contains("json", StringComparison.Ordinal)) return [];
        JsonNode? instance;
        try { instance = JsonNode.Parse(body); }
        catch (JsonException e) { return [$"{where}: the body is not JSON: {e.Message}"]; }
        var schema = JsonSchema.FromText(schemaNode.ToJsonString());
        var result = schema.Evaluate(instance, _options);
        if (result.IsValid) return [];
        // Only failures on the way down from the root: a failed branch of a oneOf that another branch satisfied is no failure.
        var lines = new List<string>();
        Collect(result, lines, where);
        return lines.Count > 0 ? lines : [$"{where}: not valid against {schemaNode.ToJsonString()}"];
    }

    private static void Collect(EvaluationResults node, List<string> lines, string where)
    {
        if (node.IsValid) return;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            lines.Add($"{where}: {node.InstanceLocation} ({node.EvaluationPath}): {keyword}: {message}");
        foreach (var child in node.Details)
            Collect(child, lines, where);
    }
}
