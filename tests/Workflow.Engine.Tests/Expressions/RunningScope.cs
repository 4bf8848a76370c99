using Workflow.Engine.Expressions;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>The expression scope of a run of <c>definitionJson</c> as the runtime sets it up: variables at their declared values.</summary>
internal static class RunningScope
{
    public static ExpressionScope Create(string definitionJson, WorkflowInstance instance)
    {
        var definition = WorkflowDefinitionReader.Read(definitionJson).Definition!;
        foreach (var v in definition.Variables) instance.Variables[v.Name] = VariableValues.Coerce(v.Value, v.TypeName);
        return ExpressionScope.For(instance, definition);
    }
}
