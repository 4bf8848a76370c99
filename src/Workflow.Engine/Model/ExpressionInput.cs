using System.Text.Json.Nodes;

namespace Workflow.Engine.Model;

/// <summary>
/// One activity input as Elsa 3 writes it: <c>{ "typeName": "String", "expression": { "type": "Literal", "value": ... } }</c>.
/// <see cref="Value"/> is kept as the raw JSON node: a string (<c>"True"</c>, <c>"00:00:05"</c>, JSON text for
/// <c>Object</c>), a JSON boolean or number, or null.
/// </summary>
/// <param name="TypeName">Elsa's type name of the input (<c>String</c>, <c>Boolean</c>, <c>Int32</c>, an enum's full name ...).</param>
/// <param name="ExpressionType"><c>Literal</c>, <c>Object</c>, <c>Variable</c>, <c>JavaScript</c> (or another registered type).</param>
/// <param name="Value">The expression's value as written.</param>
public sealed record ExpressionInput(string? TypeName, string ExpressionType, JsonNode? Value)
{
    /// <summary>The value as text: a JSON string's content, any other node's JSON text, or null.</summary>
    public string? ValueText => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };

    /// <summary>A literal input, as the designer writes it.</summary>
    public static ExpressionInput Literal(string typeName, string? value) => new(typeName, "Literal", value is null ? null : JsonValue.Create(value));

    /// <summary>A JavaScript input.</summary>
    public static ExpressionInput JavaScript(string typeName, string script) => new(typeName, "JavaScript", JsonValue.Create(script));

    /// <summary>The input in Elsa's JSON shape.</summary>
    public JsonObject ToJson() => new()
    {
        ["typeName"] = TypeName,
        ["expression"] = new JsonObject { ["type"] = ExpressionType, ["value"] = Value?.DeepClone() },
    };
}
