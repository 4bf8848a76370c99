using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.Core;

/// <summary>
/// Elsa.FlowSwitch: <c>cases</c> is a list of <c>{label, condition: {type, value}}</c> (plain JSON, or an Object
/// expression holding it). Mode <c>MatchFirst</c> (default) completes with the first true case's label,
/// <c>MatchAny</c> with every true case's label; no true case gives <c>Default</c>.
/// </summary>
[Activity("Elsa", "Branching", "Takes the path of the first (or every) case whose condition holds.")]
[RawInput("Cases", "Elsa.Workflows.Activities.Flowchart.Models.FlowSwitchCase[]", "flow-switch-editor", "The cases: a label and a condition each.")]
[FlowOutcomes("Default")]
public sealed class FlowSwitch : Activity
{
    /// <summary><c>MatchFirst</c> (default) or <c>MatchAny</c>, compared case-insensitively; anything else is MatchFirst.</summary>
    [Input(Options = ["MatchFirst", "MatchAny"], UIHint = "dropdown", DefaultValue = "MatchFirst", Description = "Take the first matching case, or every matching case.")]
    public Input<string> Mode { get; set; } = new("MatchFirst");

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matches = new List<string>();
        var matchAny = string.Equals(context.Get(Mode), "MatchAny", StringComparison.OrdinalIgnoreCase);
        foreach (var (label, condition) in ReadCases(context.Node))
        {
            if (condition is null || !ValueConverter.Convert<bool>(context.Evaluate(condition))) continue;
            matches.Add(label);
            if (!matchAny) break;
        }
        context.Complete(matches.Count == 0 ? ["Default"] : [.. matches]);
        return ValueTask.CompletedTask;
    }

    /// <summary>Each case's label, in order, then <c>Default</c>.</summary>
    public override IReadOnlyList<string> GetOutcomes(ActivityNode node) => [.. ReadCases(node).Select(c => c.Label), "Default"];

    internal static List<(string Label, ExpressionInput? Condition)> ReadCases(ActivityNode node)
    {
        var raw = node.FindProperty("cases");
        if (raw is JsonObject wrapped && ActivityNode.ParseInput(wrapped) is { } input)
            raw = input.Value is JsonValue v && v.TryGetValue<string>(out var text) ? TryParse(text) : input.Value;
        var cases = new List<(string, ExpressionInput?)>();
        if (raw is not JsonArray array) return cases;
        foreach (var item in array.OfType<JsonObject>())
        {
            var label = item["label"] is JsonValue l && l.TryGetValue<string>(out var ls) ? ls : null;
            if (label is null) continue;
            cases.Add((label, ParseCondition(item["condition"])));
        }
        return cases;
    }

    /// <summary>A case's condition: an input (<c>{typeName, expression}</c>) or an expression (<c>{type, value}</c>, JavaScript when the type is absent).</summary>
    internal static ExpressionInput? ParseCondition(JsonNode? condition) => condition switch
    {
        JsonObject c when c["expression"] is JsonObject => ActivityNode.ParseInput(c),
        JsonObject c => new ExpressionInput("Boolean", (c["type"] as JsonValue)?.GetValue<string>() ?? "JavaScript", c["value"]),
        _ => null,
    };

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
