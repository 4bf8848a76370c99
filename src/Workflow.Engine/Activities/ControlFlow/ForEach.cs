using System.Text.Json.Nodes;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.ForEach: runs <c>body</c> once per item of <c>items</c>, one after another, with the item in
/// <c>CurrentValue</c> (output and loop variable) and its index in <c>CurrentIndex</c>; an Elsa.Break in the body
/// ends the loop after the running iteration (Elsa.Workflows.Core/Activities/ForEachT.cs).
/// </summary>
[Activity("Elsa", "Looping", "Iterate over a set of values.")]
[EmbeddedPort("Body")]
[ActivityOutput("CurrentValue", "Object", "Assign the current value to the specified variable.")]
public sealed class ForEach : LoopActivity, ILoopActivity
{
    private const string IndexProperty = "currentIndex";

    /// <summary>The items: a JSON array, JSON text of one, or a single value (one item); null means none.</summary>
    [Input(Description = "The set of values to iterate.", TypeName = "Object")]
    public Input<JsonNode> Items { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        EnterLoop(context);
        Iterate(context);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        Iterate(context);
        return ValueTask.CompletedTask;
    }

    private void Iterate(ActivityExecutionContext context)
    {
        var index = context.State[IndexProperty]?.GetValue<int>() ?? 0;
        var items = ToItems(context.Get(Items));
        if (context.IsBreaking || index >= items.Count)
        {
            ExitLoop(context);
            return;
        }
        context.SetOutput(CurrentValue, items[index]);
        SetLoopVariables(context, items[index], index);
        context.State[IndexProperty] = index + 1;
        if (context.Node.Body is { } body) context.ScheduleChild(body);
        else ExitLoop(context);
    }
}
