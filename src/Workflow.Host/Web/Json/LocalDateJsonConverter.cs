using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Workflow.Host.Web.Json;

/// <summary>A calendar date as ISO 8601 text, <c>2025-09-26</c> (docs/api.md); without it System.Text.Json wrote NodaTime's properties.</summary>
public sealed class LocalDateJsonConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A date must be a string yyyy-MM-dd.");
        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new JsonException($"'{text}' is not a date yyyy-MM-dd.");
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}
