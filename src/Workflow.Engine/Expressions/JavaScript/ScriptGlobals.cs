using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Interop;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// Installs Elsa's JavaScript surface into one engine for one evaluation and carries what it reads and writes:
/// the <see cref="CommonFunctions"/>; <c>get{Name}()</c>/<c>set{Name}(v)</c> for each variable and <c>get{Name}()</c>
/// for each declared workflow input (Handlers/ConfigureEngineWithVariablesAndInputOutputAccessors.cs); the
/// <c>variables</c> object (Handlers/ConfigureEngineWithVariables.cs); <c>get{Output}From{Activity}()</c> for recorded
/// activity outputs; and <c>input</c>, the workflow input object (ours: Elsa 3's JavaScript has no <c>input</c>
/// global; docs/definition-format.md says so).
/// </summary>
public sealed partial class ScriptGlobals
{
    private readonly JsEngine _engine;
    private ObjectInstance? _variables;

    internal ScriptGlobals(JsEngine engine, ExpressionScope scope)
    {
        _engine = engine;
        Scope = scope;
    }

    /// <summary>What this evaluation's functions read and write.</summary>
    internal ExpressionScope Scope { get; }

    /// <summary>The accessors generated for these variables (get/set) and declared inputs (get), in install order; the type definitions declare the same.</summary>
    public static IEnumerable<(string Name, string Kind, string Target)> AccessorNames(IEnumerable<string> variableNames, IEnumerable<string> inputNames)
    {
        foreach (var name in variableNames.Where(ElsaNames.IsValidVariableName).Distinct())
        {
            yield return ("get" + ElsaNames.Pascalize(name), "variable-get", name);
            yield return ("set" + ElsaNames.Pascalize(name), "variable-set", name);
        }
        foreach (var name in inputNames.Where(ElsaNames.IsValidVariableName).Distinct())
            yield return ("get" + ElsaNames.Pascalize(name), "input-get", name);
    }

    internal void Install(string script)
    {
        foreach (var function in CommonFunctions.All)
            Define(function.Name, args => function.Body(this, args));

        // Elsa installs variable accessors, then input accessors (an input hides a variable of the same name).
        var variableNames = Scope.Declarations.Select(d => d.Name).Concat(Scope.Variables.Select(p => p.Key));
        foreach (var (name, kind, target) in AccessorNames(variableNames, Scope.DeclaredInputNames))
        {
            switch (kind)
            {
                case "variable-get": Define(name, _ => GetVariable(target)); break;
                case "variable-set": Define(name, a => { SetVariable(target, a.Length > 0 ? a[0] : JsValue.Undefined); return JsValue.Undefined; }); break;
                default:
                    Define(name, _ => GetInput(target));
                    // Elsa's runtime names the input accessor get{Name} as declared, its IntelliSense get{Pascalized}; both work here.
                    if (name != "get" + target) Define("get" + target, _ => GetInput(target));
                    break;
            }
        }
        foreach (var (activityId, outputName) in Scope.Outputs.Recorded())
        {
            var activity = Scope.Definition?.AllActivities().FirstOrDefault(a => a.Id == activityId);
            var label = activity?.Name is { } n && ElsaNames.IsValidVariableName(n) ? n : activityId;
            if (!ElsaNames.IsValidVariableName(label) || !ElsaNames.IsValidVariableName(outputName)) continue;
            Define($"get{ElsaNames.Pascalize(outputName)}From{ElsaNames.Pascalize(label)}", _ => ToScript(Scope.Outputs.Find(activityId, outputName)));
        }

        // Elsa copies in only the variables the script names as variables.X, and copies the object back after it ran.
        _variables = new JsObject(_engine);
        foreach (Match m in VariablesReference().Matches(script))
        {
            var name = m.Groups[1].Value;
            var canonical = Scope.CanonicalVariableName(name);
            if (Scope.Variables.ContainsKey(canonical) && ElsaNames.IsValidVariableName(name))
                _variables.Set(name, ToScript(Scope.GetVariable(canonical)));
        }
        _engine.SetValue("variables", _variables);
        _engine.SetValue("input", ToScript(Scope.Input));
    }

    /// <summary>
    /// After a successful evaluation: writes each property of <c>variables</c> back to its variable, except the
    /// workflow inputs' names; a null or undefined property leaves the variable as it was (Elsa's
    /// <c>CopyVariablesIntoWorkflowExecutionContext</c> falls back to the current value).
    /// </summary>
    internal void CopyVariablesBack()
    {
        if (_engine.GetValue("variables") is not ObjectInstance container) return;
        var inputs = Scope.DeclaredInputNames.ToHashSet(StringComparer.Ordinal);
        foreach (var key in container.GetOwnPropertyKeys())
        {
            var name = key.ToString();
            if (inputs.Contains(name)) continue;
            var value = container.Get(key);
            if (value.IsNull() || value.IsUndefined()) continue;
            Scope.SetVariable(name, ToJson(value));
        }
    }

    internal JsValue GetVariable(string name) => ToScript(Scope.GetVariable(name));

    internal void SetVariable(string name, JsValue value)
    {
        Scope.SetVariable(name, ToJson(value));
        // Keep variables.X in step with setX(v) / setVariable, as Elsa's SyncVariablesContainer does.
        _variables?.Set(name, ToScript(Scope.GetVariable(name)));
    }

    /// <summary>A workflow input by name; Elsa's input dictionary ignores case.</summary>
    internal JsValue GetInput(string name)
    {
        if (Scope.Input.TryGetPropertyValue(name, out var exact)) return ToScript(exact);
        var match = Scope.Input.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
        return ToScript(match.Value);
    }

    /// <summary>Elsa's <c>getOutputFrom</c>: the activity is found by id or name; an activity the workflow does not have is an error.</summary>
    internal JsValue GetOutputFrom(string activityIdOrName, string? outputName)
    {
        var activity = Scope.Definition?.AllActivities().FirstOrDefault(a => a.Id == activityIdOrName)
            ?? Scope.Definition?.AllActivities().FirstOrDefault(a => a.Name == activityIdOrName);
        if (Scope.Definition is not null && activity is null)
            throw new InvalidOperationException($"Activity not found: \"{activityIdOrName}\" is neither the id nor the name of an activity of this workflow.");
        return ToScript(Scope.Outputs.Find(activity?.Id ?? activityIdOrName, outputName));
    }

    internal JsValue ToScript(JsonNode? node) => JsonBridge.ToScript(_engine, node);

    internal JsonNode? ToJson(JsValue value) => JsonBridge.ToJson(_engine, value);

    internal JsValue Bytes(byte[] bytes) => _engine.Intrinsics.ArrayBuffer.Construct(bytes);

    private void Define(string name, Func<JsValue[], JsValue> body) =>
        _engine.SetValue(name, new ClrFunction(_engine, name, (_, args) => body(args)));

    /// <summary>Elsa's pattern for the variables a script names (ConfigureEngineWithVariables.ExtractVariableNamesRegex).</summary>
    [GeneratedRegex(@"variables\.(\w+)(?:\.\w+)*")]
    private static partial Regex VariablesReference();
}
