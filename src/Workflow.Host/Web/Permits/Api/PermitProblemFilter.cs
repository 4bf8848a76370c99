using Workflow.Definitions;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Cases;
using Workflow.Engine.Runtime;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// Turns the permit domain's refusals into RFC 7807 answers: a broken rule (<see cref="PermitRuleViolation"/>) is
/// 422 with <c>errors</c> keyed by field; a step that cannot take the action now (<see cref="StepConflictException"/>:
/// someone acted first, stale version, waiting for the applicant) is 409; an idempotency key reused with another
/// body is 422 naming the <c>Idempotency-Key</c> header; a stage whose bound workflow is not published is 503 naming the stage. Nothing was applied in any of these cases.
/// </summary>
public sealed class PermitProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (PermitRuleViolation e)
        {
            return Results.ValidationProblem(e.Errors.ToDictionary(), title: "The request breaks a permit rule; nothing was applied.",
                detail: e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (StepConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The step cannot take this action now.", detail: e.Message);
        }
        catch (StageUnavailableException e)
        {
            // Not the caller's fault and not lasting: the stage comes back when its workflow is published or rebound.
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Ui.T("该阶段暂不能申报。", "The stage cannot take applications now."),
                detail: Ui.T(e.Describe().Zh, e.Describe().En), extensions: new Dictionary<string, object?> { ["stage"] = e.Stage.ToString(), ["definitionId"] = e.DefinitionId });
        }
        catch (IdempotencyKeyReusedException e)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [StepEndpoints.IdempotencyKeyHeader] = ["this key was used for a different request; use a new key for a new action"] },
                title: "The idempotency key was used for another request.", detail: e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }
}
