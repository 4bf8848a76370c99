namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.Fault: the instance becomes Finished/Faulted with this message and code; nothing new is scheduled.</summary>
[Activity("Elsa", "Primitives", "Faults the workflow with a message.")]
public sealed class Fault : Activity, ITerminalActivity
{
    /// <summary>The fault code recorded on the instance (its <c>Fault</c>) and in the journal; none when null.</summary>
    [Input(Description = "A code for the fault, e.g. an error number.")]
    public Input<string> Code { get; set; } = new();

    /// <summary>Accepted for Elsa's format; the engine does not record it.</summary>
    [Input(Description = "A category for the fault.")]
    public Input<string> Category { get; set; } = new();

    /// <summary>The fault message recorded on the instance; a generic one when null.</summary>
    [Input(Description = "What went wrong.")]
    public Input<string> Message { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Fault(context.Get(Message) ?? "Faulted by Elsa.Fault.", context.Get(Code));
        return ValueTask.CompletedTask;
    }
}
