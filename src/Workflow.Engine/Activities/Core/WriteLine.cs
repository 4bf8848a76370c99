namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.WriteLine: writes its text (empty when null) as one line to the run's output.</summary>
[Activity("Elsa", "Console", "Writes a line of text to the output.")]
public sealed class WriteLine : Activity
{
    /// <summary>The line to write; null writes an empty line.</summary>
    [Input(Description = "The text to write.")]
    public Input<string> Text { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.WriteLine(context.Get(Text) ?? "");
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
