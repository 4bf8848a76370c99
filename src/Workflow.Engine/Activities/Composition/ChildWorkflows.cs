using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Activities.Composition;

/// <summary>
/// What Elsa.ExecuteWorkflow and Elsa.DispatchWorkflow share: starting a child instance of a published definition with
/// <c>ParentInstanceId</c> in its input (as Elsa does), the result object Elsa's <c>ExecuteWorkflowResult</c> describes,
/// and the bookmark a parent waits on until <see cref="Engine.Scheduling.ChildWorkflowSweep"/> sees the child finish.
/// </summary>
internal static class ChildWorkflows
{
    /// <summary>Bookmark kind of a parent waiting for a child; its payload names the child (<c>childInstanceId</c>).</summary>
    public const string BookmarkKind = "ChildWorkflow";

    /// <summary>Starts the child (it runs until it finishes or waits); null with a fault on the parent when it cannot start.</summary>
    public static async Task<WorkflowInstance?> StartAsync(ActivityExecutionContext context, string? definitionId, JsonObject input, string? correlationId)
    {
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            context.Fault($"{context.ActivityType} needs the definition id of the workflow to run (input workflowDefinitionId).");
            return null;
        }
        input["ParentInstanceId"] = context.InstanceId;
        try
        {
            var runtime = context.Services.GetRequiredService<WorkflowRuntime>();
            var started = await runtime.StartAsync(definitionId, VersionSelector.Published, new StartWorkflowOptions
            {
                InstanceId = StorageIds.New(context.Now),
                CorrelationId = correlationId,
                Input = input,
            });
            return started.Instance;
        }
        catch (WorkflowRuntimeException e)
        {
            context.Fault($"{context.ActivityType} could not start workflow '{definitionId}': {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Elsa's ExecuteWorkflowResult: instance id, status, sub-status, correlation id and the child's workflow output
    /// (what its Elsa.SetOutput activities set).
    /// </summary>
    public static JsonObject Result(WorkflowInstance child) => new()
    {
        ["workflowInstanceId"] = child.Id,
        ["status"] = child.Status.ToString(),
        ["subStatus"] = child.SubStatus.ToString(),
        ["correlationId"] = child.CorrelationId,
        ["output"] = child.Output.DeepClone(),
    };

    /// <summary>The parent's own workflow input when <paramref name="given"/> is empty (Elsa passes it on), else a copy of <paramref name="given"/>.</summary>
    public static JsonObject InputFor(ActivityExecutionContext context, JsonNode? given, bool inheritWhenEmpty) =>
        given is JsonObject o && o.Count > 0 ? (JsonObject)o.DeepClone()
        : inheritWhenEmpty ? (JsonObject)context.WorkflowInput.DeepClone()
        : new JsonObject();

    /// <summary>Waits for <paramref name="child"/> to finish.</summary>
    public static void Await(ActivityExecutionContext context, WorkflowInstance child) =>
        context.CreateBookmark(BookmarkKind, new JsonObject { ["childInstanceId"] = child.Id, ["workflowDefinitionId"] = child.DefinitionId });
}
