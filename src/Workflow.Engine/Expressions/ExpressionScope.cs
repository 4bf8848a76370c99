using System.Text.Json.Nodes;
using Workflow.Engine.Model;

namespace Workflow.Engine.Expressions;

/// <summary>What an expression can see: the workflow's variables (read and written by name), their declarations (for the generated getX/setX accessors) and the workflow input.</summary>
public sealed class ExpressionScope(JsonObject variables, IReadOnlyList<VariableDefinition> declarations, JsonObject input)
{
    public JsonObject Variables { get; } = variables;
    public IReadOnlyList<VariableDefinition> Declarations { get; } = declarations;
    public JsonObject Input { get; } = input;
}
