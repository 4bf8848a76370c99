using System.Globalization;
using Workflow.Definitions;
using Workflow.Definitions.Appointments.Booking;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Appointments;

/// <summary>
/// Turns the appointment domain's refusals into problem details in the caller's language: a broken rule 422 naming the
/// field, a conflict (full slot, duplicate, ban, cut-off) 409, too many bookings of one identity 429 with <c>Retry-After</c>.
/// </summary>
public sealed class AppointmentProblemFilter : IEndpointFilter
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
            return Results.ValidationProblem(errors, title: Ui.T("预约信息有误，未作任何更改。", "The booking is not valid; nothing was changed."),
                detail: string.Join(" ", errors.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (Definitions.Cases.StepConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Ui.T("预约现在不能这样办理。", "The appointment cannot be made or changed now."),
                detail: RuleTexts.Render(e.Reason, Catalogue(context)), extensions: new Dictionary<string, object?> { ["code"] = e.Reason.Code });
        }
        catch (BookingThrottledException e)
        {
            var seconds = (int)Math.Ceiling(e.RetryAfter.TotalSeconds);
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: Ui.T("预约请求过于频繁。", "Too many booking requests."),
                detail: Ui.T($"此身份证号码 24 小时内预约次数已达上限，请在 {seconds} 秒后再试。", $"This ID-card number has booked as often as allowed in 24 hours; try again in {seconds} seconds."));
        }
    }

    private static MatterCatalogue Catalogue(EndpointFilterInvocationContext context) => context.HttpContext.RequestServices.GetRequiredService<MatterCatalogue>();
}
