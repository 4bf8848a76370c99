using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Converts an evaluated JSON value to the CLR type an input declares, accepting what Elsa files contain: strings for
/// booleans (<c>"True"</c>) and numbers (<c>"3"</c>), JSON booleans, <c>"00:00:05"</c> for TimeSpan/Duration,
/// enum names, JSON text for arrays and objects. Throws <see cref="ExpressionException"/> when the value does not fit.
/// </summary>
internal static class ValueConverter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The value converted to <typeparamref name="T"/>; see <see cref="Convert(JsonNode?, Type)"/>.</summary>
    public static T? Convert<T>(JsonNode? value) => (T?)Convert(value, typeof(T));

    /// <summary>
    /// A non-string value as text, as Elsa's ObjectConverter makes it from what a script returns: a boolean is
    /// <c>True</c>/<c>False</c> (.NET's bool text), a number its invariant text, an object or array its JSON
    /// with every Unicode character unescaped.
    /// </summary>
    private static string ToText(JsonNode value) =>
        value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? (b.GetValueKind() == JsonValueKind.True ? bool.TrueString : bool.FalseString)
            : value.ToJsonString(Unescaped);

    /// <summary>The value converted to <paramref name="type"/>; null gives the type's default.</summary>
    public static object? Convert(JsonNode? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
            return target.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(target) : null;
        if (target == typeof(JsonNode)) return value.DeepClone();
        var text = value is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;
        try
        {
            if (target == typeof(string)) return text ?? ToText(value);
            if (target == typeof(bool))
            {
                if (value is JsonValue b && b.TryGetValue<bool>(out var bv)) return bv;
                if (text is not null && bool.TryParse(text.Trim(), out var parsed)) return parsed;
                if (value is JsonValue n && n.TryGetValue<double>(out var d)) return d != 0;
                throw new ExpressionException($"Expected a boolean (true/false or \"True\"/\"False\"), found {value.ToJsonString()}.");
            }
            if (target == typeof(TimeSpan))
            {
                if (text is not null && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var ts)) return ts;
                throw new ExpressionException($"Expected a time span such as \"00:00:05\", found {value.ToJsonString()}.");
            }
            if (target == typeof(Duration))
                return Duration.FromTimeSpan((TimeSpan)Convert(value, typeof(TimeSpan))!);
            if (target.IsEnum)
            {
                if (text is not null && Enum.TryParse(target, text.Trim(), true, out var e)) return e;
                throw new ExpressionException($"Expected one of {string.Join(", ", Enum.GetNames(target))}, found {value.ToJsonString()}.");
            }
            if (text is not null && (target.IsPrimitive || target == typeof(decimal)))
                return System.Convert.ChangeType(text.Trim(), target, CultureInfo.InvariantCulture);
            if (text is not null && (target.IsArray || target.IsClass) && target != typeof(object))
            {
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
                    return JsonSerializer.Deserialize(text, target, Options);
            }
            if (target == typeof(object)) return text ?? (object)value.DeepClone();
            return value.Deserialize(target, Options);
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException($"Cannot convert {value.ToJsonString()} to {target.Name}: {e.Message}", e);
        }
    }
}
