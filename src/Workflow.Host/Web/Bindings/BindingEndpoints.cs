using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Persistence;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Bindings;

/// <summary>
/// <c>/api/bindings</c>: which published workflow handles each stage, matter or kind of project (docs/bindings.md).
/// Administrators only (403 for every other role). A workflow that cannot serve the scope is 422 naming the field, in
/// the caller's language (<c>?culture=en</c> or the culture cookie; Chinese by default).
/// </summary>
public static class BindingEndpoints
{
    /// <summary>The body of <c>PUT /api/bindings</c>: the scope (stage, and a matter or a project kind or neither) and the workflow.</summary>
    public sealed record BindingRequest([property: Required] Stage? Stage, string? Matter, ProjectCategory? ProjectKind, string? DefinitionId);

    /// <summary>A binding as the API shows it, with the version new applications would start now (null: none published).</summary>
    public sealed record BindingItem(string Scope, Stage Stage, string StageName, string? Matter, ProjectCategory? ProjectKind,
        string DefinitionId, string? DefinitionName, int? PublishedVersion, string ChangedBy, Instant ChangedAt);

    public sealed record BindingList(IReadOnlyList<BindingItem> Items);

    public sealed record ChangeList(IReadOnlyList<BindingChange> Items);

    public static IEndpointRouteBuilder MapBindingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bindings").WithTags("Bindings").RequireAuthorization(AccessPolicies.Administer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("ListBindings")
            .WithSummary("The bindings in force: for each stage (and matter or project kind bound apart) the workflow new applications start.");
        group.MapPut("", SetAsync).WithName("SetBinding")
            .WithSummary("Binds a stage, a matter of it or a kind of project to a published workflow (creates or replaces; audited).")
            .WithDescription("422 naming the field when the workflow cannot serve the scope: not published, no intake activity, a department or matter the stage does not have.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("", RemoveAsync).WithName("RemoveBinding")
            .WithSummary("Removes a matter or project-kind binding (the stage's binding applies again; audited). A stage's own binding cannot be removed (422).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/changes", ChangesAsync).WithName("ListBindingChanges")
            .WithSummary("The audit of binding changes, newest first: who, when, the workflow before and after.");
        return app;
    }

    private static async Task<Ok<BindingList>> ListAsync(WorkflowBindings bindings, IWorkflowDefinitionStore definitions, MatterCatalogue catalogue, CancellationToken ct)
    {
        var items = new List<BindingItem>();
        foreach (var binding in await bindings.ListAsync(ct))
            items.Add(await ItemAsync(binding, definitions, catalogue, ct));
        return TypedResults.Ok(new BindingList(items));
    }

    private static async Task<Results<Ok<BindingItem>, ProblemHttpResult>> SetAsync(BindingRequest request, ClaimsPrincipal user,
        WorkflowBindings bindings, IWorkflowDefinitionStore definitions, MatterCatalogue catalogue, CancellationToken ct)
    {
        if (request.Stage is not { } stage)
            return Refused(new Dictionary<string, Bilingual[]> { ["stage"] = [new("请选择阶段", "the stage is required")] });
        try
        {
            var binding = await bindings.SetAsync(new BindingScope(stage, Blank(request.Matter), request.ProjectKind), request.DefinitionId?.Trim() ?? "",
                AppClaims.UserNameOf(user) ?? "", ct);
            return TypedResults.Ok(await ItemAsync(binding, definitions, catalogue, ct));
        }
        catch (BindingRefused e)
        {
            return Refused(e.Errors);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Stage stage, string? matter, ProjectCategory? projectKind,
        ClaimsPrincipal user, WorkflowBindings bindings, CancellationToken ct)
    {
        var scope = new BindingScope(stage, Blank(matter), projectKind);
        try
        {
            return await bindings.RemoveAsync(scope, AppClaims.UserNameOf(user) ?? "", ct)
                ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("没有该绑定。", "Not found."),
                    detail: Ui.T($"没有绑定 {scope.Key}。", $"There is no binding {scope.Key}."));
        }
        catch (BindingRefused e)
        {
            return Refused(e.Errors);
        }
    }

    private static async Task<Ok<ChangeList>> ChangesAsync(WorkflowBindings bindings, CancellationToken ct, int take = 100) =>
        TypedResults.Ok(new ChangeList(await bindings.ChangesAsync(Math.Clamp(take, 1, 500), ct)));

    private static async Task<BindingItem> ItemAsync(WorkflowBinding binding, IWorkflowDefinitionStore definitions, MatterCatalogue catalogue, CancellationToken ct)
    {
        var published = await definitions.FindAsync(binding.DefinitionId, VersionSelector.Published, null, ct);
        var scope = binding.Scope;
        return new BindingItem(scope.Key, scope.Stage, catalogue.GetStage(scope.Stage).Name, scope.Matter, scope.ProjectKind,
            binding.DefinitionId, published?.Name, published?.Version, binding.ChangedBy, binding.ChangedAt);
    }

    private static ProblemHttpResult Refused(IReadOnlyDictionary<string, Bilingual[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Ui.T(m.Zh, m.En)).ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = Ui.T("该绑定不能成立，未作任何更改。", "The binding cannot be made; nothing was changed."),
        });

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
