using System.Text;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Persistence;
using Workflow.Engine.Serialization;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>POST /scripting/javascript/type-definitions/{definitionId}</c>: TypeScript declarations that give the Studio's
/// JavaScript editor IntelliSense for exactly the script surface the engine installs (Elsa's functions, the
/// accessors of the definition's variables and inputs, <c>variables</c>, <c>input</c>; see
/// docs/definition-format.md, "JavaScript surface"), for the definition's latest version (the common part only for
/// an unknown id).
/// </summary>
public static class ScriptingEndpoints
{
    /// <summary>The body the Studio sends (all optional: only the route's definition id matters so far).</summary>
    public sealed record TypeDefinitionsRequest(string? WorkflowDefinitionId, string? ActivityTypeName, string? PropertyName);

    public static RouteGroupBuilder MapScriptingEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/scripting/javascript/type-definitions/{definitionId}",
                async (string definitionId, TypeDefinitionsRequest? request, IWorkflowDefinitionStore definitions, CancellationToken ct) =>
                {
                    var stored = await definitions.FindAsync(definitionId, VersionSelector.Latest, null, ct);
                    var definition = stored is null ? null : WorkflowDefinitionReader.Read(stored.Json).Definition;
                    return TypedResults.Text(JavaScriptTypeDefinitions.Render(definition), "application/x-typescript", Encoding.UTF8);
                })
            .ReadsOnly();
        return elsa;
    }
}
