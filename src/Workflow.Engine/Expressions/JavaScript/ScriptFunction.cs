using Jint.Native;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// One global function a script can call: its name, its TypeScript parameters and return type (what the Studio's
/// IntelliSense declares, docs/studio.md) and what it does. The runtime installs and the type definitions
/// declare the same list, so the editor offers exactly what runs.
/// </summary>
public sealed record ScriptFunction(string Name, string Parameters, string? ReturnType, string Description, Func<ScriptGlobals, JsValue[], JsValue> Body)
{
    /// <summary>The TypeScript declaration, as Elsa's TypeDefinitionDocumentRenderer writes one.</summary>
    public string Declaration => $"declare function {Name}({Parameters}){(ReturnType is null ? "" : ": " + ReturnType)};";
}
