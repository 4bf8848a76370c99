using Workflow.Definitions;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
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
            var errors = RuleTexts.Render(e, Catalogue(context));
            return Results.ValidationProblem(errors, title: Ui.T("请求不符合审批规则，未作任何更改。", "The request breaks a permit rule; nothing was applied."),
                detail: string.Join(" ", errors.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (StepConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Ui.T("此环节现在不能这样办理。", "The step cannot take this action now."),
                detail: RuleTexts.Render(e.Reason, Catalogue(context)));
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
                new Dictionary<string, string[]> { [StepEndpoints.IdempotencyKeyHeader] = [Ui.T("此键已用于另一个请求，新的办理请使用新键", "this key was used for a different request; use a new key for a new action")] },
                title: Ui.T("幂等键已用于另一个请求。", "The idempotency key was used for another request."), detail: Ui.T($"幂等键 {e.Key} 已用于另一个请求。", $"Idempotency key {e.Key} was already used for a different request."), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static MatterCatalogue Catalogue(EndpointFilterInvocationContext context) => context.HttpContext.RequestServices.GetRequiredService<MatterCatalogue>();
}
