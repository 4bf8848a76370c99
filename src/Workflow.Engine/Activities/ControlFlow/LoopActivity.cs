using System.Text.Json.Nodes;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// What the loops share. Elsa declares the loop variables <c>CurrentValue</c> (and <c>CurrentIndex</c> for ForEach)
/// in the body's scope; here they are workflow variables for the loop's lifetime: set before each iteration, and
/// the values they had before the loop (an outer loop's) put back when it completes (docs/definition-format.md).
/// </summary>
public abstract class LoopActivity : CompositeActivity
{
    /// <summary>The loop variable holding the current item (ForEach, ParallelForEach) or counter (For).</summary>
    internal const string CurrentValue = "CurrentValue";
    /// <summary>The loop variable holding the current item's zero-based index (ForEach, ParallelForEach).</summary>
    internal const string CurrentIndex = "CurrentIndex";
    private const string SavedProperty = "outerLoopVariables";

    /// <summary>The definition's variable declarations plus <c>CurrentValue</c>/<c>CurrentIndex</c> when it has loops and does not declare them.</summary>
    public static IReadOnlyList<VariableDefinition> WithLoopVariables(WorkflowDefinition definition)
    {
        var declarations = new List<VariableDefinition>(definition.Variables);
        if (!definition.AllActivities().Any(a => a.Type is "Elsa.ForEach" or "Elsa.For" or "Elsa.While" or "Elsa.ParallelForEach"))
            return declarations;
        foreach (var name in new[] { CurrentValue, CurrentIndex })
            if (declarations.All(d => d.Name != name))
                declarations.Add(new VariableDefinition(name, name, "Object", null));
        return declarations;
    }

    /// <summary>Remembers the loop variables' values from outside the loop.</summary>
    protected static void EnterLoop(ActivityExecutionContext context)
    {
        var saved = new JsonObject();
        foreach (var name in new[] { CurrentValue, CurrentIndex })
            if (context.Instance.Variables.ContainsKey(name))
                saved[name] = context.GetVariable(name);
        context.State[SavedProperty] = saved;
    }

    /// <summary>Sets <c>CurrentValue</c> for the next iteration, and <c>CurrentIndex</c> when <paramref name="index"/> is given.</summary>
    protected static void SetLoopVariables(ActivityExecutionContext context, JsonNode? value, int? index)
    {
        context.SetVariable(CurrentValue, value);
        if (index is { } i) context.SetVariable(CurrentIndex, i);
    }

    /// <summary>Puts the outer values back and completes the loop.</summary>
    protected static void ExitLoop(ActivityExecutionContext context)
    {
        var saved = context.State[SavedProperty] as JsonObject ?? new JsonObject();
        foreach (var name in new[] { CurrentValue, CurrentIndex })
        {
            if (saved.TryGetPropertyValue(name, out var value)) context.SetVariable(name, value);
            else context.Instance.Variables.Remove(name);
        }
        context.Complete();
    }

    /// <summary>The items of an Items input: a JSON array, JSON text of an array, or null (none); any other value is one item.</summary>
    protected static List<JsonNode?> ToItems(JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('['))
        {
            try { value = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { }
        }
        return value switch
        {
            null => [],
            JsonArray array => [.. array.Select(x => x?.DeepClone())],
            _ => [value.DeepClone()],
        };
    }
}
