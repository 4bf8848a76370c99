using System.Security.Claims;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Ledger;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Departments;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Supervision.Ledger;

/// <summary>
/// <c>GET /api/supervision/ledger.xlsx?from=&amp;to=&amp;department=</c>: the ledger (台账) as an Excel file, streamed to the
/// response as it is read (docs/ledger-and-feeds.md, "Ledger export"). Supervisor and admin; 403 for other roles.
/// </summary>
public static class LedgerEndpoints
{
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(AccessPolicies.SignedIn)
            .MapGet("/ledger.xlsx", ExportAsync).WithName("ExportLedger")
            .WithSummary("The ledger (台账): a sheet of cases and a sheet of steps with both limits, both due instants, completion, working days used, suspensions, outcome, repeated returns.")
            .WithDescription("`from` and `to` are dates (yyyy-MM-dd) in the jurisdiction's zone, both included: cases filed and steps opened on those days. `department` keeps one department's steps and the cases that have one. Supervisor and admin.")
            .Produces(StatusCodes.Status200OK, contentType: LedgerWorkbook.ContentType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        // The same export for the pages' download button: outside /api the pages' sign-in cookie applies (an /api route
        // takes bearer tokens only, so a button pointing there answered 401 to a signed-in supervisor).
        app.MapGet("/supervision/ledger.xlsx", ExportAsync).RequireAuthorization(AccessPolicies.SignedIn).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(string? from, string? to, string? department, ClaimsPrincipal user, HttpContext http,
        LedgerQueries ledger, IDepartmentCatalogue departments, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (new CaseAccess(user).Role is not (UserRole.Supervisor or UserRole.Admin))
            return Denied.Because(AccessDecision.Forbidden, "the ledger");
        var zone = jurisdiction.Value.Zone;
        var errors = new Dictionary<string, string[]>();
        var first = Day(from, "from", errors);
        var last = Day(to, "to", errors);
        if (first is { } f && last is { } l && l < f) errors["to"] = ["结束日期不能早于开始日期 / to is before from"];
        if (!string.IsNullOrWhiteSpace(department) && department.Trim() != Definitions.Cases.PermitActivity.FrontDesk && await departments.FindAsync(department.Trim(), ct) is null)
            errors["department"] = [$"没有该部门 / no department has the code {department}"];
        if (errors.Count > 0) return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "台账参数无效 / The ledger parameters are not valid.");

        var filter = new LedgerFilter(first?.AtStartOfDayInZone(zone).ToInstant(), last?.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(),
            string.IsNullOrWhiteSpace(department) ? null : department.Trim());
        var now = clock.GetCurrentInstant();
        var name = $"ledger-{now.InZone(zone).Date.ToString("yyyyMMdd", null)}.xlsx";
        // The zip's last bytes (the central directory) are written synchronously by the archive when the workbook is
        // finished; everything before streams asynchronously. Allowed for this response only.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        http.Response.ContentType = LedgerWorkbook.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await LedgerWorkbook.WriteAsync(http.Response.Body, ledger.CasesAsync(filter, now, ct), ledger.StepsAsync(filter, now, ct), zone, ct);
        return Results.Empty;
    }

    private static LocalDate? Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (parsed.Success) return parsed.Value;
        errors[field] = [$"日期格式应为 yyyy-MM-dd / {field} is a date like 2025-09-01"];
        return null;
    }
}
