using System.Text;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Serialization;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>POST /scripting/javascript/type-definitions/{definitionId}</c>: TypeScript declarations that give the Studio's
/// JavaScript editor IntelliSense for the functions our expressions offer (docs/definition-format.md, Expressions): the common ones, and the
/// accessors <c>getX()</c>/<c>setX(v)</c> of each variable of the definition's latest version (none for an unknown id).
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
        elsa.MapPost("/scripting/javascript/type-definitions/{definitionId}",
                async (string definitionId, TypeDefinitionsRequest? request, IWorkflowDefinitionStore definitions, CancellationToken ct) =>
                {
                    var stored = await definitions.FindAsync(definitionId, VersionSelector.Latest, null, ct);
                    var variables = stored is null ? [] : WorkflowDefinitionReader.Read(stored.Json).Definition?.Variables ?? [];
                    return TypedResults.Text(CommonDeclarations + "\n" + Accessors(variables), "application/x-typescript", Encoding.UTF8);
                })
            .ReadsOnly();
        return elsa;
    }

    /// <summary>The accessors the runtime generates, for each variable that gets them.</summary>
    public static string Accessors(IEnumerable<VariableDefinition> variables)
    {
        var text = new StringBuilder();
        foreach (var name in variables.Select(v => v.Name).Where(JavaScriptEvaluator.HasAccessors).Distinct())
        {
            text.AppendLine($"/** Reads the workflow variable {name}. */");
            text.AppendLine($"declare function get{name}(): any;");
            text.AppendLine($"/** Sets the workflow variable {name}. */");
            text.AppendLine($"declare function set{name}(value: any): void;");
        }
        return text.ToString();
    }
}
