using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Steps;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.OpenApi;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// <c>/api/steps/{id}</c> and its actions (docs/api.md). Access is checked before anything else, the body
/// included. <c>If-Match</c> (the step's version, its ETag) makes a stale form a 409; <c>Idempotency-Key</c>
/// (scoped to the user) makes a retry answer the first answer again without acting twice, while the same key with
/// another body is 422. Two actions on one step: the first wins, the second is 409.
/// </summary>
public static class StepEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    /// <summary>Set to <c>true</c> on an answer replayed for a repeated idempotency key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>One material asked for in a supplement request or intake notice, with the reason.</summary>
    public sealed record MissingMaterialRequest([property: Required] string? Code, string? Reason);

    /// <summary>
    /// The body of <c>POST /api/steps/{id}/actions</c>: <c>outcome</c> (one of the step's <c>outcomes</c>),
    /// <c>opinion</c>, <c>conditions</c>, <c>missingMaterials</c> (supplement requests: every item at once),
    /// <c>commitmentSigned</c> (intake with waiver), <c>certificateNumber</c> (optional, for issuing).
    /// </summary>
    public sealed record ActionRequest([property: Required] string? Outcome, string? Opinion, IReadOnlyList<string>? Conditions,
        IReadOnlyList<MissingMaterialRequest>? MissingMaterials, bool? CommitmentSigned, string? CertificateNumber);

    public static RouteGroupBuilder MapStepEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/steps/{id}", GetAsync).WithName("GetStep")
            .WithSummary("A step with its outcomes and clocks; the ETag header is its version.")
            .AnswersETag();
        api.MapPost("/steps/{id}/actions", ActAsync).WithName("ActOnStep")
            .WithSummary("Acts on a step: intake decisions, reviews, supplement requests, joint-review opinions and consolidation.")
            .WithDescription("The department whose inbox holds the step (the front desk for intake) or admin; agents and the supervisor 403. " +
                "Headers: `If-Match: \"<version>\"` (stale → 409), `Idempotency-Key` (same key and body → the first answer, header Idempotent-Replayed: true; other body → 422).")
            .Accepts<ActionRequest>("application/json")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .DeclaresIfMatch().DeclaresIdempotencyKey().AnswersETag();
        return api;
    }

    private static async Task<Results<Ok<StepView>, ProblemHttpResult>> GetAsync(
        string id, HttpResponse response, ClaimsPrincipal user, StepDesk steps, CaseQueries cases, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        var row = await steps.FindStepAsync(id, ct);
        var snapshot = row is null ? null : await cases.FindAsync(row.CaseId, ct);
        if (row is null || snapshot?.FindStep(id) is not { } step)
            return Denied.Because(access.SeeUnknownCase(), Subjects.Step(id));
        if (access.SeeStep(row, snapshot.Agent) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Step(id));
        response.Headers.ETag = ETagOf(step.Step.Version);
        return TypedResults.Ok(StepView.From(step));
    }

    private static async Task<Results<Ok<ActionAnswer>, ValidationProblem, ProblemHttpResult>> ActAsync(
        string id, HttpRequest request, HttpResponse response, ClaimsPrincipal user, StepDesk steps, CaseFiles caseFiles, IClock clock, MatterCatalogue catalogue,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        var row = await steps.FindStepAsync(id, ct);
        if (row is null) return Denied.Because(access.ActOnUnknownStep(), Subjects.Step(id));
        if (access.ActOnStep(row) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Step(id));

        // The body is read only now, so that a caller without access learns nothing from how their body is judged.
        var body = await ReadBodyAsync(request, json.Value.SerializerOptions, ct);
        var errors = new Dictionary<string, string[]>();
        // The outcome rule is the domain's (StepActionRules); a wrong one is a 400 beside the request's other shape errors.
        if (StepActionRules.CheckOutcome(row.Kind, body?.Outcome) is { } wrongOutcome)
            errors["outcome"] = [RuleTexts.Render(wrongOutcome, catalogue)];
        var missing = body?.MissingMaterials ?? [];
        for (var i = 0; i < missing.Count; i++)
            if (string.IsNullOrWhiteSpace(missing[i]?.Code)) errors[$"missingMaterials[{i}].code"] = [Ui.T("请填写材料代码", "the material code is required")];
        if (body?.Conditions?.Any(string.IsNullOrWhiteSpace) == true) errors["conditions"] = [Ui.T("许可条件不能为空", "conditions may not be empty")];
        var expected = ReadIfMatch(request, errors);
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 200) errors[IdempotencyKeyHeader] = [Ui.T("最多 200 个字符", "at most 200 characters")];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("办理请求有误。", "The action is not valid."));

        var action = new StepAction(StepAction.ActionEvent, body!.Outcome, body.Opinion, body.Conditions ?? [],
            missing.Select(m => new MaterialDefect(m.Code!.Trim(), m.Reason ?? "")).ToList(), access.UserName, body.CommitmentSigned ?? false, body.CertificateNumber);
        var (file, step, replayed) = await steps.ActAsync(row, action, key.Length > 0 ? key : null, expected, ct);
        response.Headers.ETag = ETagOf(step.Version);
        if (replayed) response.Headers[ReplayedHeader] = "true";
        else Observability.HostMetrics.StepActions.Add(1, new KeyValuePair<string, object?>("outcome", body.Outcome));
        return TypedResults.Ok(new ActionAnswer(StepView.From(StepDetail.Of(file, step, caseFiles.CalendarOf(file), clock.GetCurrentInstant())), file.CaseId, file.State, file.Result));
    }

    /// <summary>The strong ETag of a step version: <c>"3"</c>.</summary>
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task<ActionRequest?> ReadBodyAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the action as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        try
        {
            return await request.ReadFromJsonAsync<ActionRequest>(options, ct)
                ?? throw new BadHttpRequestException("The request body is empty: send {\"outcome\": ...}.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this endpoint.", e);
        }
    }

    /// <summary><c>If-Match: "3"</c> (also <c>W/"3"</c> or <c>3</c>) → 3; <c>*</c> or none → null; anything else is an error.</summary>
    private static int? ReadIfMatch(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var text = request.Headers.IfMatch.ToString().Trim();
        if (text.Length == 0 || text == "*") return null;
        var bare = (text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text).Trim('"');
        if (int.TryParse(bare, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;
        errors["If-Match"] = [$"'{text}' is not a step version: send the ETag of GET /api/steps/{{id}}, e.g. \"3\""];
        return null;
    }
}
