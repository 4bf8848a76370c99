using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Engine.Persistence;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>GET /workflow-definitions/validation/is-name-unique?name=&amp;definitionId=</c>: the Studio's "Create workflow"
/// dialog asks it before saving (elsa-studio's <c>IWorkflowDefinitionsApi.GetIsNameUniqueAsync</c>); answers
/// <c>{isUnique}</c>, true when no other definition's latest version has that name (case-sensitive, as stored).
/// </summary>
public static class IsNameUniqueEndpoint
{
    public sealed record IsNameUniqueResponse(bool IsUnique);

    public static RouteGroupBuilder MapIsNameUniqueEndpoint(this RouteGroupBuilder group)
    {
        group.MapGet("/workflow-definitions/validation/is-name-unique", async Task<Ok<IsNameUniqueResponse>> (string? name, string? definitionId,
            IWorkflowDefinitionStore store, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(name)) return TypedResults.Ok(new IsNameUniqueResponse(true));
            var (matches, _) = await store.ListLatestAsync(name, 0, 500, ct);
            return TypedResults.Ok(new IsNameUniqueResponse(!matches.Any(d => d.Name == name && d.DefinitionId != definitionId)));
        });
        return group;
    }
}
