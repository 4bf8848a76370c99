using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities;

/// <summary>
/// Writes an activity output to the variable it is bound to in Elsa's JSON (<c>"result": {"memoryReference": {"id": …}}</c>,
/// likewise <c>parsedContent</c>), resolving the id through the workflow's variable declarations. An unbound output is
/// dropped, as in Elsa.
/// </summary>
internal static class OutputBinding
{
    public static void Set(ActivityExecutionContext context, string outputName, JsonNode? value)
    {
        if (context.Node.Raw[outputName]?["memoryReference"]?["id"] is not JsonValue id || !id.TryGetValue<string>(out var variableId)) return;
        var declared = context.VariableDeclarations.FirstOrDefault(v => v.Id == variableId) ?? context.VariableDeclarations.FirstOrDefault(v => v.Name == variableId);
        context.SetVariable(declared?.Name ?? variableId, value);
    }
}
