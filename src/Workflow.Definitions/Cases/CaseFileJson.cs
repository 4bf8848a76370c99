using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Workflow.Definitions.Cases;

/// <summary>How a case file is written into its workflow variable: camelCase, enums as strings, instants as ISO 8601 UTC.</summary>
internal static class CaseFileJson
{
    /// <summary>
    /// The serializer options of the case file variable (web defaults, enums by name, instants as ISO 8601 UTC).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new InstantConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The case file as the JSON value stored in the workflow variable <see cref="CaseFile.VariableName"/>.</summary>
    public static JsonNode ToNode(CaseFile file) => JsonSerializer.SerializeToNode(file, Options)!;

    /// <summary>The case file in <paramref name="node"/>; null when the node is null.</summary>
    /// <exception cref="JsonException">The node is not a case file.</exception>
    public static CaseFile? FromNode(JsonNode? node) => node is null ? null : node.Deserialize<CaseFile>(Options);

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException("An instant must be an ISO 8601 string.");
            var parsed = InstantPattern.ExtendedIso.Parse(text);
            if (parsed.Success) return parsed.Value;
            var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
            return withOffset.Success ? withOffset.Value.ToInstant() : throw new JsonException($"'{text}' is not an ISO 8601 instant.");
        }

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
