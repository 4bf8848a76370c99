using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Core;

/// <summary>
/// Elsa.SetOutput: assigns a value to a workflow output, stored on the instance and returned by the execute endpoint
/// (Elsa.Workflows.Management/Activities/SetOutput/SetOutput.cs). Elsa sets the output of an enclosing composite
/// that declares one of that name first; this engine has no such composites, so it is always the workflow's.
/// </summary>
[Activity("Elsa", "Composition", "Assigns a given value to a the container's output.")]
public sealed class SetOutput : Activity
{
    /// <summary>The workflow output to set; the activity faults when it is empty.</summary>
    [Input(DisplayName = "Output", Description = "The output to assign.", UIHint = "output-picker")]
    public Input<string> OutputName { get; set; } = new();

    /// <summary>The value stored under <see cref="OutputName"/> (a copy).</summary>
    [Input(Description = "The value to assign.", UIHint = "dynamic", TypeName = "Object")]
    public Input<JsonNode> OutputValue { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.Get(OutputName);
        if (string.IsNullOrWhiteSpace(name))
        {
            context.Fault($"SetOutput {context.ActivityId} names no output; set \"outputName\".");
            return ValueTask.CompletedTask;
        }
        context.SetWorkflowOutput(name, context.Get(OutputValue));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
