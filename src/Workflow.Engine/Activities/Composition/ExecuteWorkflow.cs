using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Composition;

/// <summary>
/// Elsa.ExecuteWorkflow (Elsa.Workflows.Runtime/Activities/ExecuteWorkflow.cs): starts a new instance of the published
/// definition <c>workflowDefinitionId</c> with <c>input</c> (the parent's own input when empty, as Elsa) and runs it
/// until it finishes or waits. With <c>waitForCompletion</c> and a child still running, it waits on a bookmark until the
/// engine's scheduler sees the child finish (docs/scheduling.md). Its <c>result</c> output is Elsa's
/// ExecuteWorkflowResult (<c>workflowInstanceId</c>, <c>status</c>, <c>subStatus</c>, <c>correlationId</c>, <c>output</c>).
/// </summary>
[Activity("Elsa", "Composition", "Create a new workflow instance of the specified workflow and execute it.", Kind = "Task")]
public sealed class ExecuteWorkflow : Activity
{
    /// <summary>The definition id of the child; its published version is started.</summary>
    [Input(DisplayName = "Workflow Definition", Description = "The definition ID of the workflow to execute.")]
    public Input<string> WorkflowDefinitionId { get; set; } = new();

    /// <summary>The child's correlation id; the parent's when empty.</summary>
    [Input(DisplayName = "Correlation ID", Description = "The correlation ID to associate the workflow with.")]
    public Input<string> CorrelationId { get; set; } = new();

    /// <summary>The child's workflow input; the parent's own input when empty, as in Elsa.</summary>
    [Input(TypeName = "Object", Description = "The input to send to the workflow.")]
    public Input<JsonNode> Input { get; set; } = new();

    /// <summary>When true and the child is still running after its first run, the activity waits until it finishes.</summary>
    [Input(TypeName = "Boolean", Description = "Wait for the child workflow to complete before completing this activity.")]
    public Input<bool> WaitForCompletion { get; set; } = new();

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var input = ChildWorkflows.InputFor(context, context.Get(Input), inheritWhenEmpty: true);
        var correlationId = context.Get(CorrelationId) is { Length: > 0 } given ? given : context.Instance.CorrelationId;
        if (await ChildWorkflows.StartAsync(context, context.Get(WorkflowDefinitionId), input, correlationId) is not { } child) return;
        if (!context.Get(WaitForCompletion) || child.Status == Runtime.WorkflowStatus.Finished)
        {
            context.SetOutput("Result", ChildWorkflows.Result(child));
            context.Complete();
            return;
        }
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
