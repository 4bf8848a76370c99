using System.Text.Json;
using Workflow.Engine.Model;

namespace Workflow.Definitions.Validation;

/// <summary>
/// Reads the catalogue codes a permit activity names in its inputs, as the Studio saves them: dropdowns as Literal
/// strings, checklists as an Object (or Literal) JSON array. Codes chosen by script are not seen.
/// </summary>
internal static class PermitInputs
{
    /// <summary>The inputs holding one department code each, and those holding a list of them.</summary>
    public static readonly string[] DepartmentInputs = ["department", "leadDepartment"];
    public static readonly string[] DepartmentListInputs = ["participants"];
    public static readonly string[] MatterInputs = ["matter"];
    public static readonly string[] MatterListInputs = ["matters"];

    public static bool IsPermitActivity(ActivityNode node) => node.Type.StartsWith("Permits.", StringComparison.Ordinal);

    /// <summary>Every (input name, code) of the given single-code and list inputs.</summary>
    public static IEnumerable<(string Input, string Code)> Codes(ActivityNode node, string[] single, string[] lists) =>
        single.SelectMany(name => Literal(node, name) is { } code ? [(name, code)] : Array.Empty<(string, string)>())
            .Concat(lists.SelectMany(name => List(node, name).Select(code => (name, code))));

    public static string? Literal(ActivityNode node, string input) =>
        node.GetInput(input) is { ExpressionType: "Literal" } i && !string.IsNullOrWhiteSpace(i.ValueText) ? i.ValueText!.Trim() : null;

    public static IReadOnlyList<string> List(ActivityNode node, string input)
    {
        if (node.GetInput(input) is not { ExpressionType: "Object" or "Literal" } i || string.IsNullOrWhiteSpace(i.ValueText))
            return [];
        try
        {
            return JsonSerializer.Deserialize<string[]>(i.ValueText!)?.Where(c => !string.IsNullOrWhiteSpace(c)).ToList() ?? [];
        }
        catch (JsonException)
        {
            return []; // the engine's own validation reports unreadable inputs
        }
    }
}
