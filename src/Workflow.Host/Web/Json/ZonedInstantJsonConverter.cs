using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Workflow.Host.Web.Json;

/// <summary>
/// Writes an <see cref="Instant"/> as ISO 8601 with the offset of the jurisdiction's zone (docs/api.md), e.g.
/// <c>2026-11-22T07:10:37+08:00</c>; reads ISO 8601 with any offset or <c>Z</c>.
/// </summary>
public sealed class ZonedInstantJsonConverter(DateTimeZone zone) : JsonConverter<Instant>
{
    // Written with the offset always as +HH:mm (ExtendedIso would write "+08"); read with ExtendedIso, which takes Z,
    // +HH and +HH:mm and optional fractions of a second.
    private static readonly OffsetDateTimePattern WritePattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");
    private static readonly OffsetDateTimePattern ReadPattern = OffsetDateTimePattern.ExtendedIso;

    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("An instant must be a string in ISO 8601 with an offset.");
        var parsed = ReadPattern.Parse(text);
        if (!parsed.Success)
            throw new JsonException($"'{text}' is not an instant in ISO 8601 with an offset (e.g. 2025-09-26T10:00:00+08:00).");
        return parsed.Value.ToInstant();
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value, zone));

    /// <summary>The text this converter writes for <paramref name="value"/> in <paramref name="zone"/>.</summary>
    public static string Format(Instant value, DateTimeZone zone) => WritePattern.Format(value.InZone(zone).ToOffsetDateTime());
}
