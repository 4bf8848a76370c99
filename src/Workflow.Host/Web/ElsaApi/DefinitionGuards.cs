using System.Text.RegularExpressions;
using Workflow.Engine.Persistence;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The two checks every change of a definition passes (docs/studio.md "Safe changes"): a definition id must be a
/// plain name that fits in a URL path segment and a file name, and a definition or version that something depends on
/// (live instances, a catalogue binding… every registered <see cref="IDefinitionDependents"/>) is neither deleted nor
/// retracted: 409 problem details naming each dependent and how many there are.
/// </summary>
public static partial class DefinitionGuards
{
    /// <summary>Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    public static partial Regex IdPattern();

    /// <summary>400 in the Studio's error shape (<c>errors.definitionId</c>) when <paramref name="definitionId"/> is not a valid id, else null.</summary>
    public static IResult? RefuseBadId(string definitionId) =>
        IdPattern().IsMatch(definitionId)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["definitionId"] =
                [
                    $"流程定义标识「{Shorten(definitionId)}」无效：只能用字母、数字、“.”、“_”、“-”，以字母或数字开头，最多 128 个字符。",
                    $"The workflow definition id '{Shorten(definitionId)}' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters.",
                ],
            }, title: "流程定义标识无效 / The workflow definition id is not valid.");

    /// <summary>
    /// Asks every dependents source about each target (a definition, or one version of it); 409 when any has dependents,
    /// else null. <paramref name="actionZh"/>/<paramref name="actionEn"/> name the refused action ("删除"/"deleted").
    /// </summary>
    public static async Task<IResult?> RefuseIfDependedOnAsync(IEnumerable<IDefinitionDependents> sources, IEnumerable<(string DefinitionId, int? Version)> targets,
        string actionZh, string actionEn, CancellationToken ct)
    {
        var found = new List<(string DefinitionId, int? Version, DefinitionDependent Dependent)>();
        var all = sources.ToList();
        foreach (var (definitionId, version) in targets)
            foreach (var source in all)
                foreach (var dependent in await source.FindAsync(definitionId, version, ct))
                    if (dependent.Count > 0)
                        found.Add((definitionId, version, dependent));
        if (found.Count == 0)
            return null;

        string Target((string DefinitionId, int? Version, DefinitionDependent _) f, bool zh) =>
            f.Version is { } v ? (zh ? $"「{f.DefinitionId}」版本 {v}" : $"'{f.DefinitionId}' version {v}") : (zh ? $"「{f.DefinitionId}」" : $"'{f.DefinitionId}'");
        // A description may end a sentence itself (the bindings' do): one full stop, not two.
        var zhLines = found.Select(f => $"流程定义{Target(f, true)}不能{actionZh}：{f.Dependent.DescriptionZh.TrimEnd('。')}。").ToArray();
        var enLines = found.Select(f => $"Workflow definition {Target(f, false)} cannot be {actionEn}: {f.Dependent.DescriptionEn.TrimEnd('.')}.").ToArray();
        var instances = found.Where(f => f.Dependent.Kind == LiveInstanceDependents.Kind).Sum(f => f.Dependent.Count);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"仍被使用，不能{actionZh} / Still in use, not {actionEn}.",
            detail: string.Join(" ", zhLines) + " " + string.Join(" ", enLines),
            extensions: new Dictionary<string, object?>
            {
                // The Studio shows the texts it finds under "errors"; clients read the counts from "dependents".
                ["errors"] = new Dictionary<string, string[]> { ["dependents"] = [.. zhLines, .. enLines] },
                ["liveInstances"] = instances,
                ["dependents"] = found.Select(f => new Dictionary<string, object?>
                {
                    ["definitionId"] = f.DefinitionId,
                    ["version"] = f.Version,
                    ["kind"] = f.Dependent.Kind,
                    ["count"] = f.Dependent.Count,
                    ["descriptionZh"] = f.Dependent.DescriptionZh,
                    ["descriptionEn"] = f.Dependent.DescriptionEn,
                }).ToList(),
            });
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
