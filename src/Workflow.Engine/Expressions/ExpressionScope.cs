using System.Text.Json.Nodes;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Expressions;

/// <summary>
/// What an expression can see: the workflow's variables (read and written by name), their declarations (for the
/// generated <c>getX()</c>/<c>setX(v)</c> accessors), the workflow input, and — during a run — the instance and
/// definition (ids, correlation id, name, declared inputs), the activity outputs recorded so far and the script
/// limits. Outside a run (validation, descriptors) <see cref="Instance"/> and <see cref="Definition"/> are null and
/// the functions reading them return null.
/// </summary>
public sealed class ExpressionScope(JsonObject variables, IReadOnlyList<VariableDefinition> declarations, JsonObject input)
{
    /// <summary>The variables by name; scripts read and write this object itself, so writes reach the instance.</summary>
    public JsonObject Variables { get; } = variables;
    /// <summary>The declared variables the <c>getX()</c>/<c>setX(v)</c> accessors and value coercion are generated from.</summary>
    public IReadOnlyList<VariableDefinition> Declarations { get; } = declarations;
    /// <summary>The workflow input (Elsa's <c>Input</c> expression type and the script global <c>input</c>).</summary>
    public JsonObject Input { get; } = input;

    /// <summary>The running instance (its id, correlation id and name are read and written by scripts); null outside a run.</summary>
    public WorkflowInstance? Instance { get; init; }

    /// <summary>The definition being run (its ids, version and declared <c>inputs</c>); null outside a run.</summary>
    public WorkflowDefinition? Definition { get; init; }

    /// <summary>The limits every script evaluation of this scope runs under (docs/definition-format.md, "Script limits").</summary>
    public ScriptLimits Limits { get; init; } = ScriptLimits.Default;

    /// <summary>
    /// Activity outputs and the last activity result, read by <c>getOutputFrom</c> and <c>getLastResult()</c>. The
    /// runtime (or an activity) records them; expressions only read them.
    /// </summary>
    public ActivityOutputs Outputs { get; init; } = new();

    /// <summary>An empty scope (no variables, no input, no run): what validation evaluates literals against.</summary>
    public static ExpressionScope Empty() => new(new JsonObject(), [], new JsonObject());

    /// <summary>The scope of one run of <paramref name="instance"/> of <paramref name="definition"/>.</summary>
    public static ExpressionScope For(WorkflowInstance instance, WorkflowDefinition definition, ScriptLimits? limits = null) =>
        new(instance.Variables, definition.Variables, instance.Input)
        {
            Instance = instance,
            Definition = definition,
            Limits = limits ?? ScriptLimits.Default,
        };

    /// <summary>The names of the workflow inputs the definition declares (Elsa's envelope <c>inputs[].name</c>).</summary>
    public IReadOnlyList<string> DeclaredInputNames => Definition is null ? [] : DeclaredInputNamesOf(Definition);

    /// <summary>The names of the workflow inputs <paramref name="definition"/> declares (Elsa's envelope <c>inputs[].name</c>).</summary>
    public static IReadOnlyList<string> DeclaredInputNamesOf(WorkflowDefinition definition) =>
        definition.Raw["inputs"] is JsonArray inputs
            ? inputs.Select(i => i is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : null).OfType<string>().ToList()
            : [];

    /// <summary>The stored name of a variable given by name (any case) or id; the name itself when none is declared.</summary>
    public string CanonicalVariableName(string name)
    {
        if (Variables.ContainsKey(name)) return name;
        var declared = Declarations.FirstOrDefault(d => d.Id == name || string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        return declared?.Name ?? name;
    }

    /// <summary>A variable's value by name or id (null when unset).</summary>
    public JsonNode? GetVariable(string name) =>
        Variables.TryGetPropertyValue(CanonicalVariableName(name), out var value) ? value : null;

    /// <summary>
    /// Sets a variable, converting the value to the declared type as Elsa's <c>Variable.ParseValue</c> does
    /// (an Int32 variable set to 2.0 holds 2); an undeclared name creates the variable.
    /// </summary>
    public void SetVariable(string name, JsonNode? value)
    {
        var canonical = CanonicalVariableName(name);
        var declared = Declarations.FirstOrDefault(d => d.Name == canonical);
        Variables[canonical] = VariableValues.Coerce(value, declared?.TypeName);
    }
}
