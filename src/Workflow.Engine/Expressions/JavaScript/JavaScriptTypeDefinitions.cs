using System.Text;
using Workflow.Engine.Model;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// The TypeScript declarations the Studio's script editor loads for IntelliSense, in Elsa's layout
/// (TypeDefinitions/Services/TypeDefinitionDocumentRenderer.cs: functions, then types, then variables), for exactly
/// the surface <see cref="ScriptGlobals"/> installs: the <see cref="CommonFunctions"/>; <c>get{Name}()</c>/<c>set{Name}(v)</c>
/// per valid variable name and <c>get{Name}()</c> per declared input (Providers/CommonFunctionsDefinitionProvider.cs,
/// InputFunctionsDefinitionProvider.cs); <c>declare class WorkflowVariables</c> with a property per variable and
/// <c>declare var variables: WorkflowVariables</c> (WorkflowVariablesTypeDefinitionProvider.cs,
/// WorkflowVariablesVariableProvider.cs); and <c>declare var input: any</c> for our <c>input</c> global.
/// </summary>
public static class JavaScriptTypeDefinitions
{
    /// <summary>The declarations for <paramref name="definition"/> (only the common ones when null).</summary>
    public static string Render(WorkflowDefinition? definition)
    {
        var text = new StringBuilder();
        foreach (var function in CommonFunctions.All)
        {
            text.AppendLine($"/** {function.Description} */");
            text.AppendLine(function.Declaration);
        }
        var variables = definition?.Variables.Where(v => ElsaNames.IsValidVariableName(v.Name)).DistinctBy(v => v.Name).ToList() ?? [];
        var inputs = definition is null ? [] : ExpressionScope.DeclaredInputNamesOf(definition);
        foreach (var (name, kind, target) in ScriptGlobals.AccessorNames(variables.Select(v => v.Name), inputs))
        {
            var type = kind == "input-get" ? "any" : TypeAlias(variables.First(v => v.Name == target).TypeName);
            text.AppendLine(kind switch
            {
                "variable-get" => $"/** Reads the workflow variable {target}. */\ndeclare function {name}(): {type};",
                "variable-set" => $"/** Sets the workflow variable {target}. */\ndeclare function {name}(value: {type}): void;",
                _ => $"/** Reads the workflow input {target}. */\ndeclare function {name}(): {type};",
            });
        }
        text.AppendLine("declare class WorkflowVariables {");
        foreach (var v in variables)
            text.AppendLine($"{v.Name}: {TypeAlias(v.TypeName)};");
        text.AppendLine("}");
        text.AppendLine("/** The workflow's variables named in the script, read and written as variables.Name. */");
        text.AppendLine("declare var variables: WorkflowVariables;");
        text.AppendLine("/** The workflow input object (this engine's; Elsa's JavaScript has getInput(name) only). */");
        text.AppendLine("declare var input: any;");
        return text.ToString();
    }

    /// <summary>
    /// Elsa's type aliases (Services/TypeAliasRegistry.cs) for the common variable types; where Elsa names a .NET
    /// type (Decimal, Double, Guid) the JSON type the value crosses as here; anything else is <c>any</c>.
    /// </summary>
    public static string TypeAlias(string? typeName) => typeName switch
    {
        "String" or "Char" or "Guid" => "string",
        "Boolean" => "boolean",
        "Int16" or "Int32" or "Int64" or "UInt16" or "UInt32" or "UInt64" or "Byte" or "SByte" or "Single" or "Double" or "Decimal" => "number",
        "DateTime" or "DateTimeOffset" => "Date",
        _ => "any",
    };
}
