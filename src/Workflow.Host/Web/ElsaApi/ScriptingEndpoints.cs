using System.Text;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>POST /scripting/javascript/type-definitions/{definitionId}</c>: TypeScript declarations that give the Studio's
/// JavaScript editor IntelliSense for the functions our expressions offer (CONTRACTS.md §4). The per-variable
/// accessors (<c>getX()</c>/<c>setX(v)</c>) need the definition's variables and are added once definitions are
/// stored by the engine; until then the common functions are declared for every definition.
/// </summary>
public static class ScriptingEndpoints
{
    /// <summary>The body the Studio sends (all optional: only the route's definition id matters so far).</summary>
    public sealed record TypeDefinitionsRequest(string? WorkflowDefinitionId, string? ActivityTypeName, string? PropertyName);

    /// <summary>Declarations for what every expression may call, in the ES5.1 subset Jint evaluates.</summary>
    public const string CommonDeclarations = """
        /** Reads a workflow variable by name. */
        declare function getVariable(name: string): any;
        /** Sets a workflow variable by name. */
        declare function setVariable(name: string, value: any): void;
        /** The workflow's input object. */
        declare const input: any;
        """;

    public static RouteGroupBuilder MapScriptingEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/scripting/javascript/type-definitions/{definitionId}", (string definitionId, TypeDefinitionsRequest? request) =>
            TypedResults.Text(CommonDeclarations + "\n", "application/x-typescript", Encoding.UTF8))
            .ReadsOnly();
        return elsa;
    }
}
