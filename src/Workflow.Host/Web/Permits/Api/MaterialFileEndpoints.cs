using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.MaterialFiles;
using Workflow.Definitions.Steps;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>One uploaded version of a material (docs/materials.md); <c>href</c> opens it.</summary>
public sealed record MaterialFileView(string Id, string MaterialCode, int Version, string FileName, string ContentType, long Size, string Sha256,
    string UploadedBy, Instant UploadedAt, string? DefectReason, string Href)
{
    public static MaterialFileView From(MaterialFileRow f) => new(f.Id, f.MaterialCode, f.Version, f.FileName, f.ContentType, f.Size, f.Sha256,
        f.UploadedBy, f.UploadedAt, f.DefectReason, $"/api/cases/{f.CaseId}/files/{f.Id}");
}

/// <summary>
/// Uploaded materials over HTTP (docs/materials.md, docs/api.md): the case's agent uploads a file per material (each upload
/// a new version); whoever may see the case lists and opens its files (404 for anyone else, as for the case); whoever may
/// act on a step of the case marks a file defective.
/// </summary>
public static class MaterialFileEndpoints
{
    /// <summary>The body of <c>POST /api/steps/{id}/files/{fileId}/defective</c>.</summary>
    public sealed record DefectRequest(string? Reason);

    public static RouteGroupBuilder MapMaterialFileEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/materials/{code}/files", UploadAsync).WithName("UploadMaterialFile").DisableAntiforgery()
            .WithMetadata(Problems.AcceptsUploads.One)
            .WithSummary("The agent uploads a file (PDF, JPEG or PNG, judged by content; Files:MaxBytes, default 20 MB) as the next version of a material.")
            .WithDescription("multipart/form-data with one part `file`. 201 with the version; 422 naming `file` or `materialCode` when refused. A file for a material the applicant owes (missing, or asked for by an open supplement request or the pending one-time notice) also hands it in, as `POST /api/cases/{id}/materials` does.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/cases/{id}/files", ListAsync).WithName("ListMaterialFiles")
            .WithSummary("Every version of every uploaded material of the case (whoever may see the case).");
        api.MapGet("/cases/{id}/files/{fileId}", OpenAsync).WithName("OpenMaterialFile")
            .WithSummary("The file's content (whoever may see the case; 404 otherwise).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/pdf", "image/jpeg", "image/png");
        api.MapPost("/steps/{id}/files/{fileId}/defective", MarkDefectiveAsync).WithName("MarkMaterialFileDefective")
            .WithSummary("The holder of a step marks a file of its case defective; the next one-time notice or supplement request lists it.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Created<MaterialFileView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string id, string code, IFormFile? file, ClaimsPrincipal user, CaseFiles caseFiles, MaterialUpload uploads, Workflow.Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await caseFiles.FindAsync(id, ct) is not { } @case) return Denied.Because(access.SupplyToUnknownCase(), Subjects.Case(id));
        if (access.SupplyMaterials(@case.File) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Case(id));
        if (file is null)
            return TypedResults.ValidationProblem(RuleTexts.ForField("file", Workflow.Definitions.Messages.RuleCodes.FileRequired, catalogue), title: Ui.T("未收到文件。", "No file was sent."));
        await using var content = file.OpenReadStream();
        var (row, _) = await uploads.UploadAsync(@case.File, code, file.FileName, content, access.UserName, ct);
        var view = MaterialFileView.From(row);
        return TypedResults.Created(view.Href, view);
    }

    private static async Task<Results<Ok<IReadOnlyList<MaterialFileView>>, ProblemHttpResult>> ListAsync(
        string id, ClaimsPrincipal user, CaseFiles caseFiles, MaterialFiles files, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await caseFiles.FindAsync(id, ct) is not { } @case) return Denied.Because(access.SeeUnknownCase(), Subjects.Case(id));
        if (access.SeeCase(@case.File) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Case(id));
        return TypedResults.Ok<IReadOnlyList<MaterialFileView>>((await files.ListAsync(id, ct)).Select(MaterialFileView.From).ToList());
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OpenAsync(
        string id, string fileId, ClaimsPrincipal user, CaseFiles caseFiles, MaterialFiles files, CancellationToken ct)
    {
        var (decision, row, stream) = await FindOpenableAsync(new CaseAccess(user), id, fileId, caseFiles, files, ct);
        return row is null || stream is null ? Denied.Because(decision, Subjects.File(fileId)) : TypedResults.File(stream, row.ContentType, row.FileName);
    }

    /// <summary>
    /// The file and its content when <paramref name="access"/> may see its case (the API and the pages' link both ask here);
    /// else the decision to answer (404 for an unknown case or file, as for a hidden one).
    /// </summary>
    public static async Task<(AccessDecision Decision, MaterialFileRow? Row, Stream? Content)> FindOpenableAsync(
        CaseAccess access, string caseId, string fileId, CaseFiles caseFiles, MaterialFiles files, CancellationToken ct)
    {
        if (await caseFiles.FindAsync(caseId, ct) is not { } @case) return (access.SeeUnknownCase(), null, null);
        if (access.SeeCase(@case.File) is not AccessDecision.Allowed and var decision) return (decision, null, null);
        if (await files.FindAsync(caseId, fileId, ct) is not { } row || await files.OpenAsync(row, ct) is not { } stream) return (AccessDecision.Hidden, null, null);
        return (AccessDecision.Allowed, row, stream);
    }

    private static async Task<Results<Ok<MaterialFileView>, ValidationProblem, ProblemHttpResult>> MarkDefectiveAsync(
        string id, string fileId, [FromBody] DefectRequest request, ClaimsPrincipal user, StepDesk steps, MaterialFiles files, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await steps.FindStepAsync(id, ct) is not { } step) return Denied.Because(access.SeeUnknownCase(), Subjects.Step(id));
        if (access.ActOnStep(step) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Step(id));
        var row = await files.MarkDefectiveAsync(step.CaseId, fileId, request.Reason ?? "", access.UserName, ct);
        return row is null ? Denied.NotFound(Subjects.File(fileId)) : TypedResults.Ok(MaterialFileView.From(row));
    }
}
