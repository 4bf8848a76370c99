using System.Text.Json.Nodes;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.ParallelForEach: runs <c>body</c> for every item of <c>items</c>, with the item in the loop variable
/// <c>CurrentValue</c> and its index in <c>CurrentIndex</c>, and completes when every run completed
/// (Elsa.Workflows.Core/Activities/ParallelForEachT.cs). Difference: Elsa starts all runs at once, each with its own
/// variable scope; here the runs take turns (the next starts when the previous completed), because one activity
/// of the definition runs at most once at a time in an instance. A body that does not wait gives the same result.
/// </summary>
[Activity("Elsa", "Looping", "Schedule an activity for each item in parallel.")]
[EmbeddedPort("Body")]
public sealed class ParallelForEach : LoopActivity
{
    private const string IndexProperty = "currentIndex";

    /// <summary>The items: a JSON array, JSON text of one, or a single value (one item); null means none.</summary>
    [Input(Description = "The items to iterate through.", TypeName = "Object")]
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
        if (index >= items.Count || context.Node.Body is not { } body)
        {
            ExitLoop(context);
            return;
        }
        SetLoopVariables(context, items[index], index);
        context.State[IndexProperty] = index + 1;
        context.ScheduleChild(body);
    }
}
