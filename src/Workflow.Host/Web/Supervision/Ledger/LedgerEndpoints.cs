using System.Security.Claims;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Ledger;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;
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
            .WithDescription("`from` and `to` are dates (yyyy-MM-dd) in the jurisdiction's zone, both included: cases filed and steps opened on those days. `department` keeps one department's steps and the cases that have one. " +
                "The supervision lists' `search` (case number or id, project code or name, enterprise, matter), `state` (a case state), `stage` and `greenChannel` keep those cases and their steps (docs/api.md, Lists). " +
                "A bad value, or `level`, `sort`, `page`, `pageSize`, is 422 naming it, in the request's language. Supervisor and admin.")
            .Produces(StatusCodes.Status200OK, contentType: LedgerWorkbook.ContentType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        // The same export for the pages' download button: outside /api the pages' sign-in cookie applies (an /api route
        // takes bearer tokens only, so a button pointing there answered 401 to a signed-in supervisor).
        app.MapGet("/supervision/ledger.xlsx", ExportAsync).RequireAuthorization(AccessPolicies.SignedIn).ExcludeFromDescription();
        return app;
    }

    /// <summary>The lists' parameters an export has no use for (it is every row, oldest first): given, each is a 422 naming it.</summary>
    private static readonly string[] NotRead = ["level", "sort", "page", "pageSize"];

    private static async Task<IResult> ExportAsync(string? from, string? to, string? department, string? search, string? state, string? stage, string? greenChannel,
        ClaimsPrincipal user, HttpContext http, LedgerQueries ledger, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (new CaseAccess(user).Role is not (UserRole.Supervisor or UserRole.Admin))
            return Denied.Because(AccessDecision.Forbidden, Subjects.Ledger);
        var zone = jurisdiction.Value.Zone;
        // The supervision lists' parameters, read by the same ListParameters (docs/api.md, *Lists*), so a filter means the
        // same in the list and in its export; messages in the request's language.
        var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["from"] = from, ["to"] = to, ["department"] = department, ["search"] = search, ["state"] = state, ["stage"] = stage, ["greenChannel"] = greenChannel,
        };
        foreach (var unread in NotRead) given[unread] = http.Request.Query[unread];
        var (parameters, errors) = ListParameters.Read<CaseState>(new QueryCollection(given), catalogue, zone, NotRead);
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: Ui.T("台账参数无效。", "The ledger parameters are not valid."));

        var list = parameters.Filter;
        var filter = new LedgerFilter(list.From, list.To, list.Department)
        {
            Cases = list.SearchText is null && list.State is null && list.Stage is null && list.GreenChannel is null ? null : list,
        };
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
}
