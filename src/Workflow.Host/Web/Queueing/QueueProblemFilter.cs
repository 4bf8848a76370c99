using Workflow.Definitions.Catalogue;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Queueing;

/// <summary>
/// The queue's refusals (<see cref="QueueRefusal"/>) as RFC 7807 answers in the caller's language (docs/queueing.md, API):
/// a broken rule is 422 naming the field; a ticket or appointment that cannot take the action now is 409; an unknown
/// ticket is 404. Nothing was applied.
/// </summary>
public sealed class QueueProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (QueueRefusal.Of(e, context.HttpContext.RequestServices.GetRequiredService<MatterCatalogue>()) is { } refusal)
        {
            if (refusal.Errors.Count > 0)
                return Results.ValidationProblem(refusal.Errors, title: Ui.T("请求有误，未作任何更改。", "The request is not valid; nothing was applied."),
                    detail: string.Join(" ", refusal.Errors.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))), statusCode: refusal.Status);
            return TypedResults.Problem(statusCode: refusal.Status, detail: refusal.Reason, title: refusal.Status == StatusCodes.Status404NotFound
                ? Ui.T("未找到。", "Not found.") : Ui.T("号票现在不能这样办理。", "The ticket cannot take this action now."));
        }
    }
}
