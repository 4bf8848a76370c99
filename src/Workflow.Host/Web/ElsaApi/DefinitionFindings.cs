using System.Text.Json.Nodes;
using Workflow.Definitions.Validation;
using Workflow.Engine.Validation;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// Validation findings in the shapes the Studio and our editor page read (docs/studio.md "Validation in the Studio"):
/// a refused save or publish is 400 problem details whose <c>errors</c>, keyed by activity id, hold each finding's
/// Chinese and English line (the Studio lists every text under <c>errors</c>), with the structured <c>findings</c> beside
/// them; a successful save carries the warnings as <c>findings</c>.
/// </summary>
public static class DefinitionFindings
{
    public static IResult Problem(IReadOnlyList<FindingText> findings, string title)
    {
        var errors = findings.Where(f => f.IsError)
            .GroupBy(f => f.Finding.ActivityId ?? "workflow")
            .ToDictionary(g => g.Key, g => g.SelectMany(f => new[] { f.Zh, f.En }).ToArray());
        return TypedResults.ValidationProblem(errors, title: title,
            detail: string.Join(" ", findings.Where(f => f.IsError).Select(f => f.Zh)),
            extensions: new Dictionary<string, object?> { ["findings"] = Json(findings) });
    }

    /// <summary><c>[{severity, activityId, activityName, property, code, messageZh, messageEn}]</c>.</summary>
    public static JsonArray Json(IEnumerable<FindingText> findings) => new(findings.Select(f => (JsonNode)new JsonObject
    {
        ["severity"] = f.Finding.Severity == FindingSeverity.Error ? "error" : "warning",
        ["activityId"] = f.Finding.ActivityId,
        ["activityName"] = f.ActivityName,
        ["property"] = f.Finding.Property,
        ["code"] = f.Finding.Code,
        ["messageZh"] = f.Zh,
        ["messageEn"] = f.En,
    }).ToArray());
}
