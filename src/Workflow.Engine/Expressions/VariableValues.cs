using System.Globalization;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Expressions;

/// <summary>Stores variable values in the JSON form of their declared Elsa type (Int32 "0" → 0, Boolean "True" → true ...).</summary>
public static class VariableValues
{
    /// <summary>The value converted for a variable of <paramref name="typeName"/>; unchanged when the type is unknown or the value does not fit.</summary>
    public static JsonNode? Coerce(JsonNode? value, string? typeName)
    {
        if (value is not JsonValue v) return value?.DeepClone();
        var text = v.TryGetValue<string>(out var s) ? s : null;
        double? number = v.TryGetValue<double>(out var d) ? d : text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pd) ? pd : null;
        switch (typeName)
        {
            case "Int32" or "Int64" or "Int16" when number is { } n && Math.Abs(n % 1) < double.Epsilon:
                return JsonValue.Create((long)n);
            case "Double" or "Decimal" or "Single" when number is { } n:
                return JsonValue.Create(n);
            case "Boolean" when text is not null && bool.TryParse(text, out var b):
                return JsonValue.Create(b);
            case "String" when text is null:
                return JsonValue.Create(v.ToJsonString());
            default:
                return v.DeepClone();
        }
    }
}
