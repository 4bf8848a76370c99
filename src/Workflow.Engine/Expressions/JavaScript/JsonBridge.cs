using System.Text.Json.Nodes;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Json;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// Moves values between the engine's JSON (variables, input, outputs) and script values. Values cross as JSON, so
/// a script sees plain objects, arrays, strings, numbers and booleans, and what it returns is what
/// <c>JSON.stringify</c> makes of it (a Date becomes its ISO text). An <c>ArrayBuffer</c> or typed array — Elsa's
/// <c>byte[]</c> — becomes its Base64 text, as Elsa's JSON serializer writes a <c>byte[]</c>.
/// </summary>
internal static class JsonBridge
{
    public static JsValue ToScript(JsEngine engine, JsonNode? node) =>
        node is null ? JsValue.Null : new JsonParser(engine).Parse(node.ToJsonString());

    public static JsonNode? ToJson(JsEngine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        if (value is JsArrayBuffer or JsTypedArray && value.ToObject() is byte[] bytes)
            return JsonValue.Create(Convert.ToBase64String(bytes));
        var text = new JsonSerializer(engine).Serialize(value);
        return text.IsUndefined() ? null : JsonNode.Parse(text.AsString());
    }

    /// <summary>The bytes an Elsa byte function takes: an ArrayBuffer, a typed array, an array of numbers or Base64 text.</summary>
    public static byte[] ToBytes(JsValue value) => value switch
    {
        JsArrayBuffer or JsTypedArray when value.ToObject() is byte[] b => b,
        JsArray a => a.Select(v => (byte)TypeConverterToNumber(v)).ToArray(),
        JsString s => Convert.FromBase64String(s.ToString()),
        _ => throw new ArgumentException($"Expected bytes (an ArrayBuffer, a Uint8Array or an array of numbers), found {value.Type}."),
    };

    private static double TypeConverterToNumber(JsValue v) => v.IsNumber() ? v.AsNumber() : double.NaN;
}
