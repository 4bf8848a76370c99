using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Expressions.Liquid;
using Workflow.Engine.Model;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Evaluates an input's expression to a JSON value. <c>Literal</c>: the value as written (a string stays a string;
/// conversion to the input's type happens in <see cref="ValueConverter"/>). <c>Object</c>: the value is JSON text,
/// parsed (a non-string value is taken as is). <c>Variable</c>: the named variable (value is the name or a
/// <c>{id, name}</c> reference). <c>Input</c>: the workflow input named by the value (an Elsa InputDefinition
/// <c>{name, …}</c> or a name). <c>Json</c>: as <c>Object</c> (Elsa's obsolete name). <c>JavaScript</c>: see <see cref="JavaScriptEvaluator"/>. <c>Liquid</c>: see
/// <see cref="LiquidEvaluator"/>. Any other type throws
/// <see cref="ExpressionException"/>.
/// </summary>
internal static class ExpressionEvaluator
{
    /// <summary>The expression types this engine evaluates.</summary>
    public static IReadOnlyList<string> SupportedTypes { get; } = ["Literal", "Object", "Json", "Variable", "Input", "JavaScript", "Liquid"];

    /// <summary>The value of <paramref name="input"/> in <paramref name="scope"/>, as JSON (null for no value).</summary>
    public static JsonNode? Evaluate(ExpressionInput input, ExpressionScope scope)
    {
        switch (input.ExpressionType)
        {
            case "Literal":
                return input.Value?.DeepClone();
            case "Object" or "Json": // Json: Elsa's obsolete name for Object (DefaultExpressionDescriptorProvider.cs)
                if (input.Value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    if (string.IsNullOrWhiteSpace(text)) return null;
                    try { return JsonNode.Parse(text); }
                    catch (JsonException e) { throw new ExpressionException($"The Object expression is not valid JSON: {e.Message} Value: {text}", e); }
                }
                return input.Value?.DeepClone();
            case "Variable":
                var name = input.Value switch
                {
                    JsonValue s when s.TryGetValue<string>(out var n) => n,
                    JsonObject o => (o["name"] ?? o["id"])?.GetValue<string>(),
                    _ => null,
                };
                if (name is null) return null;
                var declared = scope.Declarations.FirstOrDefault(d => d.Name == name || d.Id == name);
                return scope.Variables[declared?.Name ?? name]?.DeepClone();
            case "Input":
                // Elsa's InputExpressionHandler: the value is an InputDefinition; the workflow input of that name.
                var inputName = input.Value switch
                {
                    JsonObject d => (d["name"] as JsonValue)?.GetValue<string>(),
                    JsonValue s when s.TryGetValue<string>(out var t) && t.TrimStart().StartsWith('{') => (JsonNode.Parse(t)?["name"] as JsonValue)?.GetValue<string>(),
                    JsonValue s when s.TryGetValue<string>(out var t) => t,
                    _ => null,
                };
                if (string.IsNullOrWhiteSpace(inputName)) return null;
                return (scope.Input.TryGetPropertyValue(inputName, out var exact) ? exact
                    : scope.Input.FirstOrDefault(p => string.Equals(p.Key, inputName, StringComparison.OrdinalIgnoreCase)).Value)?.DeepClone();
            case "JavaScript":
                return JavaScriptEvaluator.Evaluate(input.ValueText ?? "", scope);
            case "Liquid":
                return LiquidEvaluator.Evaluate(input.ValueText ?? "", scope);
            default:
                throw new ExpressionException($"Unsupported expression type \"{input.ExpressionType}\"; supported: {string.Join(", ", SupportedTypes)}.");
        }
    }
}
