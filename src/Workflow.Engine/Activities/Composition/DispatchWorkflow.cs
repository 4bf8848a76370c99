using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Composition;

/// <summary>
/// Elsa.DispatchWorkflow (Elsa.Workflows.Runtime/Activities/DispatchWorkflow.cs): starts a new instance of the published
/// definition <c>workflowDefinitionId</c> with <c>input</c> and completes without waiting ("fire and forget"), or with
/// <c>waitForCompletion</c> waits until the engine's scheduler sees the child finish; its <c>result</c> output is then
/// the child's result. Elsa hands the child to a background dispatcher; here the child runs until it first waits or
/// finishes before the parent goes on (docs/definition-format.md).
/// </summary>
[Activity("Elsa", "Composition", "Create a new workflow instance of the specified workflow and dispatch it for execution.")]
public sealed class DispatchWorkflow : Activity
{
    /// <summary>The definition id of the child; its published version is started.</summary>
    [Input(Description = "The definition ID of the workflow to dispatch.")]
    public Input<string> WorkflowDefinitionId { get; set; } = new();

    /// <summary>The child's correlation id; none when empty (unlike ExecuteWorkflow, the parent's is not inherited).</summary>
    [Input(Description = "The correlation ID to associate the workflow with.")]
    public Input<string> CorrelationId { get; set; } = new();

    /// <summary>The child's workflow input; an empty input stays empty (Elsa's dispatch does not pass the parent's on).</summary>
    [Input(TypeName = "Object", Description = "The input to send to the workflow.")]
    public Input<JsonNode> Input { get; set; } = new();

    /// <summary>When true the activity waits for the child to finish and outputs its result; false completes at once.</summary>
    [Input(TypeName = "Boolean", Description = "Wait for the child workflow to complete before completing this activity.")]
    public Input<bool> WaitForCompletion { get; set; } = new();

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var input = ChildWorkflows.InputFor(context, context.Get(Input), inheritWhenEmpty: false);
        if (await ChildWorkflows.StartAsync(context, context.Get(WorkflowDefinitionId), input, context.Get(CorrelationId)) is not { } child) return;
        if (!context.Get(WaitForCompletion))
        {
            context.Complete();
            return;
        }
        // Even a child that finished at once is collected by the scheduler, as Elsa resumes the parent when the child's
        // completion is reported, not during the dispatch.
        ChildWorkflows.Await(context, child);
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.SetOutput("Result", context.ResumeInput?.DeepClone());
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
