using System.Text;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// The functions Elsa registers for every JavaScript expression (Elsa.Expressions.JavaScript/Handlers/
/// ConfigureEngineWithCommonFunctions.cs, declared by Providers/CommonFunctionsDefinitionProvider.cs), with Elsa's
/// names and parameters. Where Elsa returns a .NET object there is no type bridge here, so the value crosses as
/// what JSON makes of it: a <c>Guid</c> as its text, a <c>byte[]</c> as an <c>ArrayBuffer</c>. Elsa's functions
/// not listed here are in docs/definition-format.md ("JavaScript surface") with the reason.
/// </summary>
internal static partial class CommonFunctions
{
    /// <summary>Every common function, in the order the type definitions declare them.</summary>
    public static IReadOnlyList<ScriptFunction> All { get; } =
    [
        new("getWorkflowDefinitionId", "", "string", "The definition id of the running workflow.",
            (g, _) => Text(g.Scope.Instance?.DefinitionId ?? g.Scope.Definition?.DefinitionId)),
        new("getWorkflowDefinitionVersionId", "", "string", "The id of the running definition version.",
            (g, _) => Text(g.Scope.Instance?.DefinitionVersionId ?? g.Scope.Definition?.Id)),
        new("getWorkflowDefinitionVersion", "", "number", "The version number of the running definition.",
            (g, _) => g.Scope.Instance is { } i ? i.DefinitionVersion : g.Scope.Definition is { } d ? d.Version : JsValue.Null),
        new("getWorkflowInstanceId", "", "string", "The id of the running workflow instance.",
            (g, _) => Text(g.Scope.Instance?.Id)),
        new("setCorrelationId", "value: string", null, "Sets the instance's correlation id.",
            (g, a) => { if (g.Scope.Instance is { } i) i.CorrelationId = NullableText(Arg(a, 0)); return JsValue.Undefined; }),
        new("getCorrelationId", "", "string", "The instance's correlation id.",
            (g, _) => Text(g.Scope.Instance?.CorrelationId)),
        new("setWorkflowInstanceName", "value: string", null, "Sets the instance's name.",
            (g, a) => { if (g.Scope.Instance is { } i) i.Name = NullableText(Arg(a, 0)); return JsValue.Undefined; }),
        new("getWorkflowInstanceName", "", "string", "The instance's name.",
            (g, _) => Text(g.Scope.Instance?.Name)),
        new("setVariable", "name: string, value: any", null, "Sets a workflow variable by name (creating it when undeclared).",
            (g, a) => { g.SetVariable(RequiredText(a, 0, "setVariable"), Arg(a, 1)); return JsValue.Undefined; }),
        new("getVariable", "name: string", "any", "Reads a workflow variable by name.",
            (g, a) => g.GetVariable(RequiredText(a, 0, "getVariable"))),
        new("getInput", "name: string", "any", "Reads a workflow input by name.",
            (g, a) => g.GetInput(RequiredText(a, 0, "getInput"))),
        new("getOutputFrom", "activityId: string, outputName?: string", "any", "Reads an output (default \"Result\") of an activity given by id or name.",
            (g, a) => g.GetOutputFrom(RequiredText(a, 0, "getOutputFrom"), NullableText(Arg(a, 1)))),
        new("getLastResult", "", "any", "The result of the activity that ran before this one.",
            (g, _) => g.ToScript(g.Scope.Outputs.LastResult)),
        new("isNullOrWhiteSpace", "value: string", "boolean", "True for null, undefined, empty or white-space text.",
            (_, a) => string.IsNullOrWhiteSpace(NullableText(Arg(a, 0)))),
        new("isNullOrEmpty", "value: string", "boolean", "True for null, undefined or empty text.",
            (_, a) => string.IsNullOrEmpty(NullableText(Arg(a, 0)))),
        new("toJson", "value: any", "string", "The value as JSON text.",
            (g, a) => g.ToJson(Arg(a, 0))?.ToJsonString(JsonText.Unescaped) ?? "null"),
        new("parseGuid", "value: string", "Guid", "Parses a GUID; returns its canonical text (lower case, with hyphens).",
            (_, a) => Guid.Parse(RequiredText(a, 0, "parseGuid")).ToString()),
        new("newGuid", "", "Guid", "A new random GUID (its canonical text).",
            (_, _) => Guid.NewGuid().ToString()),
        new("newGuidString", "", "string", "A new random GUID as text.",
            (_, _) => Guid.NewGuid().ToString()),
        new("newShortGuid", "", "string", "A new random GUID in Base64 (22 characters) with '/', '+' and '=' left out.",
            (_, _) => ShortGuid()),
        new("getGuidString", "", "string", "Deprecated in Elsa: newGuidString().",
            (_, _) => Guid.NewGuid().ToString()),
        new("getShortGuid", "", "string", "Deprecated in Elsa: newShortGuid().",
            (_, _) => ShortGuid()),
        new("bytesToString", "value: ArrayBuffer", "string", "Decodes UTF-8 bytes to text.",
            (_, a) => Encoding.UTF8.GetString(JsonBridge.ToBytes(Arg(a, 0)))),
        new("bytesFromString", "value: string", "ArrayBuffer", "Encodes text as UTF-8 bytes.",
            (g, a) => g.Bytes(Encoding.UTF8.GetBytes(RequiredText(a, 0, "bytesFromString")))),
        new("bytesToBase64", "value: ArrayBuffer", "string", "Encodes bytes as Base64.",
            (_, a) => Convert.ToBase64String(JsonBridge.ToBytes(Arg(a, 0)))),
        new("bytesFromBase64", "value: string", "ArrayBuffer", "Decodes Base64 to bytes.",
            (g, a) => g.Bytes(Convert.FromBase64String(RequiredText(a, 0, "bytesFromBase64")))),
        new("stringToBase64", "value: string", "string", "Encodes text (UTF-8) as Base64.",
            (_, a) => Convert.ToBase64String(Encoding.UTF8.GetBytes(RequiredText(a, 0, "stringToBase64")))),
        new("stringFromBase64", "value: string", "string", "Decodes Base64 to text (UTF-8).",
            (_, a) => Encoding.UTF8.GetString(Convert.FromBase64String(RequiredText(a, 0, "stringFromBase64")))),
    ];

    /// <summary>Elsa's short GUID: the 16 bytes in Base64 with '/', '+' and '=' removed.</summary>
    internal static string ShortGuid() => ShortGuidStrip().Replace(Convert.ToBase64String(Guid.NewGuid().ToByteArray()), "");

    [GeneratedRegex("[/+=]")]
    private static partial Regex ShortGuidStrip();

    private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    private static JsValue Text(string? value) => value is null ? JsValue.Null : new JsString(value);

    /// <summary>What Elsa's string parameter receives: null for null/undefined, else the value's text.</summary>
    private static string? NullableText(JsValue value) => value.IsNull() || value.IsUndefined() ? null : value.ToString();

    private static string RequiredText(JsValue[] args, int index, string function) =>
        NullableText(Arg(args, index)) ?? throw new ArgumentException($"{function} needs a text argument at position {index + 1}.");
}

/// <summary>JSON writer options matching Elsa's toJson (System.Text.Json with every Unicode range unescaped).</summary>
internal static class JsonText
{
    public static readonly System.Text.Json.JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
