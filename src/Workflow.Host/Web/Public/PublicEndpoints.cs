using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Certificates;
using Workflow.Definitions.PublicLookup;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Public;

/// <summary>
/// The public API, no sign-in (docs/public.md): the progress lookup (查询办件进度) by case number and query code, and the
/// check of an electronic certificate (电子证照) by its verification code. Both are rate-limited per client
/// (<see cref="PublicRateLimit"/>); a wrong code answers exactly as an unknown number.
/// </summary>
public static class PublicEndpoints
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(PublicRateLimit.Policy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/cases/{caseNumber}", LookupAsync).WithName("PublicCaseProgress").DeclaresRetryAfter()
            .WithSummary("The progress of a case by its number and the query code printed on the acceptance notice (受理通知书); no sign-in.")
            .WithDescription("Answers the stage, each matter with the department holding it and where it stands, the case's state and the remaining working days — nothing else. A wrong code answers the same 404 as an unknown number. Rate-limited per client (`PublicLookup:PermitPerMinute`): 429 with `Retry-After`.");
        api.MapGet("/certificates/{code}", CertificateAsync).WithName("PublicCertificate").DeclaresRetryAfter()
            .WithSummary("An electronic certificate (电子证照) by its verification code: its essentials and whether it is valid or revoked; no sign-in.");
        return app;
    }

    private static async Task<Results<Ok<PublicProgress>, ProblemHttpResult>> LookupAsync(string caseNumber, [FromQuery] string? code, PublicCaseLookup lookup, CancellationToken ct) =>
        await lookup.FindAsync(caseNumber, code, ct) is { } progress ? TypedResults.Ok(progress) : UnknownCase();

    private static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> CertificateAsync(string code, CertificateRegister register, MatterCatalogue catalogue, CancellationToken ct) =>
        await register.FindAsync(code, ct) is { } certificate ? TypedResults.Ok(CertificateView.Of(certificate, catalogue))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."),
                detail: Ui.T("没有此查验码的证照。", "There is no certificate with this verification code."));

    /// <summary>One answer for an unknown number and a wrong code: it names neither, so it tells nothing about which.</summary>
    public static ProblemHttpResult UnknownCase() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), instance: "/api/public/cases",
            detail: Ui.T("办件编号或查询码不正确。", "The case number or the query code is not right."));

    /// <summary>Declares the <c>Retry-After</c> header of the 429 answer (also the appointment API's).</summary>
    internal static RouteHandlerBuilder DeclaresRetryAfter(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("429", out var response) == true && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds until the client may try again.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            return Task.CompletedTask;
        });
}
