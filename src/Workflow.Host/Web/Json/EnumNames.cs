using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Host.Web.Json;

/// <summary>
/// Enum values in the API are exactly one name (docs/api.md): <c>Enum.TryParse</c> and the framework's
/// <c>JsonStringEnumConverter</c> would also take a number (<c>kind: 1</c>) or a comma list (<c>Submitted,Issued</c>,
/// read as flags: <c>InReview,Issued</c> is the value of <c>Refused</c>), which these refuse.
/// </summary>
public static class EnumNames
{
    /// <summary>True when <paramref name="text"/> is one name of <typeparamref name="T"/> (case-insensitive).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return false;
        foreach (var name in Enum.GetNames<T>())
        {
            if (!string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase)) continue;
            value = Enum.Parse<T>(name);
            return true;
        }
        return false;
    }

    /// <summary>"one of A, B, C".</summary>
    public static string OneOf<T>() where T : struct, Enum => "one of " + string.Join(", ", Enum.GetNames<T>());
}

/// <summary>Writes enums as their names and reads exactly one name (<see cref="EnumNames"/>); anything else is a JsonException naming the choices.</summary>
public sealed class EnumNameJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The Host is not trimmed or compiled ahead of time.")]
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NameConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class NameConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && EnumNames.TryParse<T>(reader.GetString(), out var value)) return value;
            var given = reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : reader.TokenType.ToString().ToLowerInvariant();
            throw new JsonException($"{given} is not a {typeof(T).Name}: send a name, {EnumNames.OneOf<T>()}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
