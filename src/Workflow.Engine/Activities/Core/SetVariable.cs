using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Activities.Core;

/// <summary>
/// Elsa.SetVariable: evaluates <c>value</c> and stores it in the variable that <c>variable</c> names. <c>variable</c>
/// is an inline variable object (<c>{id, name, typeName ...}</c>) as Elsa writes it; a plain string name works too.
/// Values are converted to the variable's declared type (Int32, Double, Boolean, String) when they fit.
/// </summary>
[Activity("Elsa", "Primitives", "Sets a workflow variable.")]
[RawInput("Variable", "Elsa.Workflows.Memory.Variable", "variable-picker", "The variable to set.")]
public sealed class SetVariable : Activity
{
    /// <summary>The value to store, converted to the variable's declared type when it fits.</summary>
    [Input(UIHint = "dynamic", Description = "The value to store.", TypeName = "Object")]
    public Input<JsonNode> Value { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var reference = context.Node.FindProperty("variable");
        string? name = reference switch
        {
            JsonObject o => (o["name"] as JsonValue)?.GetValue<string>() ?? (o["id"] as JsonValue)?.GetValue<string>(),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (name is null)
        {
            context.Fault($"SetVariable {context.ActivityId} names no variable; expected \"variable\": {{\"id\": ..., \"name\": ...}}.");
            return ValueTask.CompletedTask;
        }
        var typeName = (reference as JsonObject)?["typeName"] is JsonValue tv && tv.TryGetValue<string>(out var tn) ? tn : null;
        context.SetVariable(name, VariableValues.Coerce(context.Get(Value), typeName));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
