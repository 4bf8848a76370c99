using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.Complete: signals the enclosing composite to complete as a whole (Elsa.Workflows.Core/Activities/Complete.cs):
/// the nearest loop completes at once with its running children cancelled; with no loop above, the signal reaches
/// the workflow, which finishes (every waiting path cancelled). The <c>outcomes</c> are recorded as the
/// <c>Outcomes</c> output; Elsa passes them to a parent workflow running this one as an activity, which this engine
/// does not have (docs/definition-format.md).
/// </summary>
[Activity("Elsa", "Composition", "Signals the current composite activity to complete itself as a whole.")]
public sealed class Complete : Activity, ITerminalActivity
{
    /// <summary>One outcome (a string) or several (an array, or JSON text of one); anything else means <c>Done</c>.</summary>
    [Input(Description = "The outcome or set of outcomes to complete this activity with.", UIHint = "outcome-picker", DefaultSyntax = "Object", TypeName = "Object")]
    public Input<JsonNode> Outcomes { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.SetOutput("Outcomes", Interpret(context.Get(Outcomes)));
        context.CompleteComposite();
        return ValueTask.CompletedTask;
    }

    /// <summary>A string is one outcome, an array (or JSON text of one) several; anything else is <c>Done</c>.</summary>
    internal static JsonArray Interpret(JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            if (text.TrimStart().StartsWith('['))
            {
                try { value = JsonNode.Parse(text); }
                catch (System.Text.Json.JsonException) { return [text]; }
            }
            else return [text];
        }
        return value is JsonArray array ? [.. array.Select(x => (JsonNode?)JsonValue.Create(x?.ToString()))] : [Workflow.Engine.Activities.Outcomes.Done];
    }
}
