using Workflow.Host.Web.Localization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// Running definitions from the Studio and reading instances back: <c>POST /workflow-definitions/{id}/execute</c>
/// (the Run button; the Studio reads only the <c>x-elsa-workflow-instance-id</c> and
/// <c>x-elsa-workflow-cannot-start</c> headers) and <c>GET /workflow-instances/{id}</c> (the instance viewer's first
/// call). The viewer's further calls are listed in docs/studio.md.
/// </summary>
public static class WorkflowInstanceEndpoints
{
    /// <summary>The Run button's body; every member optional.</summary>
    public sealed record ExecuteRequest(string? CorrelationId, string? TriggerActivityId, string? VersionOptions, JsonObject? Input);

    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static RouteGroupBuilder MapWorkflowInstanceEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-definitions/{definitionId}/execute", ExecuteAsync);
        // Elsa's dispatch queues the run; ours runs it at once (until it waits or ends), with the same answer and headers.
        elsa.MapPost("/workflow-definitions/{definitionId}/dispatch", ExecuteAsync);
        elsa.MapGet("/workflow-instances/{instanceId}", GetAsync);
        elsa.MapWorkflowInstanceListEndpoints();
        return elsa;
    }

    /// <summary>
    /// Starts the version named by <c>versionOptions</c> (default Published) as a <b>test instance</b> and runs it until it
    /// waits or ends. A Studio run never touches production: the permit projection leaves test instances out of every
    /// inbox, case list and figure; their waiting steps are completed from the test panel (<c>/studio/tests</c>).
    /// </summary>
    private static async Task<IResult> ExecuteAsync(string definitionId, [FromBody] ExecuteRequest? request, HttpContext http,
        WorkflowRuntime runtime, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var selector = VersionSelector.Published;
        if (request?.VersionOptions is { Length: > 0 } text
            && (!Enum.TryParse(text, ignoreCase: true, out selector) || selector is VersionSelector.Specific or VersionSelector.AllVersions))
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["versionOptions"] = [Ui.T($"「{text}」须为 Latest、Published 或 LatestOrPublished。", $"'{text}' is not Latest, Published or LatestOrPublished.")] },
                title: Ui.T("要运行的版本无效。", "The version to run is not valid."));
        if (await definitions.FindAsync(definitionId, VersionSelector.Latest, null, ct) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程定义。", "Workflow definition not found."),
                detail: Ui.T($"流程定义「{definitionId}」不存在。", $"No workflow definition '{definitionId}' exists."));
        try
        {
            var result = await runtime.StartAsync(definitionId, selector,
                new StartWorkflowOptions { Input = request?.Input, CorrelationId = request?.CorrelationId, IsTest = true }, ct);
            http.Response.Headers[InstanceIdHeader] = result.Instance.Id;
            var instance = result.Instance;
            return TypedResults.Json(new JsonObject
            {
                ["workflowInstanceId"] = instance.Id,
                ["isTest"] = true,
                ["status"] = result.Status.ToString(),
                ["subStatus"] = result.SubStatus.ToString(),
                // Elsa's execute response (Elsa.Workflows.Api/Endpoints/WorkflowDefinitions/Execute/Models.cs): the
                // workflow state, its output (Elsa.SetOutput) included; see docs/studio.md.
                ["workflowState"] = new JsonObject
                {
                    ["id"] = instance.Id,
                    ["definitionId"] = instance.DefinitionId,
                    ["definitionVersion"] = instance.DefinitionVersion,
                    ["definitionVersionId"] = instance.DefinitionVersionId,
                    ["correlationId"] = instance.CorrelationId,
                    ["name"] = instance.Name,
                    ["status"] = instance.Status.ToString(),
                    ["subStatus"] = instance.SubStatus.ToString(),
                    ["output"] = instance.Output.DeepClone(),
                },
            });
        }
        catch (WorkflowRuntimeException e)
        {
            http.Response.Headers[CannotStartHeader] = "true";
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: Ui.T("流程无法启动。", "The workflow cannot start."), detail: e.Message);
        }
    }

    private static async Task<IResult> GetAsync(string instanceId, IWorkflowInstanceStore instances,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var instance = await instances.FindAsync(instanceId, ct);
        if (instance is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程实例。", "Workflow instance not found."),
                detail: Ui.T($"流程实例「{instanceId}」不存在。", $"No workflow instance '{instanceId}' exists."));
        var zone = jurisdiction.Value.Zone;
        var state = new JsonObject
        {
            ["id"] = instance.Id,
            ["definitionId"] = instance.DefinitionId,
            ["definitionVersion"] = instance.DefinitionVersion,
            ["definitionVersionId"] = instance.DefinitionVersionId,
            ["correlationId"] = instance.CorrelationId,
            ["status"] = instance.Status.ToString(),
            ["subStatus"] = instance.SubStatus.ToString(),
            ["bookmarks"] = new JsonArray(instance.Bookmarks.Select(b => (JsonNode)new JsonObject
            {
                ["id"] = b.Id,
                ["activityId"] = b.ActivityId,
                ["activityTypeName"] = b.ActivityType,
            }).ToArray()),
            ["incidents"] = instance.Fault is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["activityId"] = instance.Fault.ActivityId,
                ["message"] = instance.Fault.Message,
            }),
            ["input"] = instance.Input.DeepClone(),
            ["output"] = instance.Output.DeepClone(),
            ["properties"] = new JsonObject(),
            ["createdAt"] = ZonedInstantJsonConverter.Format(instance.CreatedAt, zone),
            ["updatedAt"] = ZonedInstantJsonConverter.Format(instance.UpdatedAt, zone),
            ["finishedAt"] = instance.FinishedAt is { } f ? ZonedInstantJsonConverter.Format(f, zone) : null,
        };
        return TypedResults.Json(new JsonObject
        {
            ["id"] = instance.Id,
            ["definitionId"] = instance.DefinitionId,
            ["definitionVersionId"] = instance.DefinitionVersionId,
            ["version"] = instance.DefinitionVersion,
            ["status"] = instance.Status.ToString(),
            ["subStatus"] = instance.SubStatus.ToString(),
            ["correlationId"] = instance.CorrelationId,
            ["name"] = instance.Name,
            ["isTest"] = instance.IsTest,
            ["incidentCount"] = instance.Fault is null ? 0 : 1,
            ["isSystem"] = false,
            ["createdAt"] = state["createdAt"]!.DeepClone(),
            ["updatedAt"] = state["updatedAt"]!.DeepClone(),
            ["finishedAt"] = state["finishedAt"]?.DeepClone(),
            ["workflowState"] = state,
        });
    }
}
