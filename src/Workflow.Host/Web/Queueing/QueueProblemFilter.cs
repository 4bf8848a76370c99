using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Queueing;

/// <summary>
/// The queue's refusals as RFC 7807 answers in the caller's language (docs/queueing.md, API): a broken rule is 422 naming
/// the field; a ticket or appointment that cannot take the action now is 409; an unknown ticket is 404. Nothing was applied.
/// </summary>
public sealed class QueueProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var catalogue = context.HttpContext.RequestServices.GetRequiredService<MatterCatalogue>();
        try
        {
            return await next(context);
        }
        catch (PermitRuleViolation e)
        {
            var errors = RuleTexts.Render(e, catalogue);
            return Results.ValidationProblem(errors, title: Ui.T("请求有误，未作任何更改。", "The request is not valid; nothing was applied."),
                detail: string.Join(" ", errors.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (QueueConflictException e)
        {
            return Conflict(RuleTexts.Render(e.Reason, catalogue));
        }
        catch (StepConflictException e)
        {
            // The appointments' refusals of a check-in (too early, checked in already, cancelled).
            return Conflict(RuleTexts.Render(e.Reason, catalogue));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), detail: Ui.T("没有这张号票。", "There is no such ticket."));
        }
    }

    private static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Ui.T("号票现在不能这样办理。", "The ticket cannot take this action now."), detail: detail);
}
