namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.Fault: the instance becomes Finished/Faulted with this message and code; nothing new is scheduled.</summary>
[Activity("Elsa", "Primitives", "Faults the workflow with a message.")]
public sealed class Fault : Activity, ITerminalActivity
{
    [Input(Description = "A code for the fault, e.g. an error number.")]
    public Input<string> Code { get; set; } = new();

    [Input(Description = "A category for the fault.")]
    public Input<string> Category { get; set; } = new();

    [Input(Description = "What went wrong.")]
    public Input<string> Message { get; set; } = new();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Fault(context.Get(Message) ?? "Faulted by Elsa.Fault.", context.Get(Code));
        return ValueTask.CompletedTask;
    }
}
