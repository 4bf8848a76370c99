using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Model;

namespace Workflow.Engine.Serialization;

/// <summary>
/// Writes a definition back as Elsa 3 JSON. The model is backed by the JSON it was read from, so everything the
/// engine does not interpret (designer positions and sizes, customProperties, unknown properties, envelope fields,
/// the connection shape) is written back as read; changes made through the model are in that JSON already.
/// </summary>
public static class WorkflowDefinitionWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The definition as JSON text (indented unless <paramref name="indented"/> is false).</summary>
    public static string Write(WorkflowDefinition definition, bool indented = true) =>
        definition.Raw.ToJsonString(indented ? Indented : Compact);
}
