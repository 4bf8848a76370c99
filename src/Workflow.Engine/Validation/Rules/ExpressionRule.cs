using Workflow.Engine.Expressions;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Expressions.Liquid;
using Workflow.Engine.Model;

namespace Workflow.Engine.Validation.Rules;

/// <summary>
/// Errors for expressions that cannot work: unknown expression types, JavaScript that does not parse (ES2015+, naming
/// line, column and the code found there), Liquid templates that do not parse, Object values that are not JSON, and
/// literals that do not convert to the input's
/// type (e.g. a FlowJoin mode that does not exist); Quorum joins need <c>quorum</c> between 1 and their inbound count.
/// </summary>
internal sealed class ExpressionRule : IWorkflowValidationRule
{
    public void Validate(ValidationContext context)
    {
        foreach (var a in context.Definition.AllActivities())
        {
            foreach (var (name, input) in a.Inputs())
                if (input is not null) Check(context, a, name, input);
            if (a.Type == "Elsa.FlowSwitch")
                foreach (var (label, condition) in Activities.Core.FlowSwitch.ReadCases(a))
                    if (condition is not null) Check(context, a, $"cases[{label}].condition", condition);
            var type = context.Registry.Find(a.Type);
            if (type is null) continue;
            foreach (var property in type.Inputs)
            {
                var input = a.GetInput(property.Name);
                if (input is null || input.ExpressionType is not ("Literal" or "Object")) continue;
                var valueType = property.PropertyType.GetGenericArguments()[0];
                try
                {
                    ValueConverter.Convert(ExpressionEvaluator.Evaluate(input, ExpressionScope.Empty()), valueType);
                }
                catch (ExpressionException e)
                {
                    context.Add(ValidationFinding.Error(a.Id, ActivityNode.ToCamel(property.Name), $"The value of \"{ActivityNode.ToCamel(property.Name)}\" does not fit: {e.Message}", "bad-value"));
                }
            }
            if (a.Type == "Elsa.FlowJoin" && a.GetInput("mode")?.ValueText == "Quorum")
            {
                var parent = a.Parent!;
                var inbound = parent.Connections.Count(c => c.TargetActivityId == a.Id);
                var text = a.GetInput("quorum")?.ValueText;
                if (!int.TryParse(text, out var quorum) || quorum < 1)
                    context.Add(ValidationFinding.Error(a.Id, "quorum", $"A Quorum join needs \"quorum\" to be a whole number of at least 1, found {(text is null ? "nothing" : $"\"{text}\"")}.", "bad-value"));
                else if (quorum > inbound)
                    context.Add(ValidationFinding.Error(a.Id, "quorum", $"The join waits for {quorum} branches but has only {inbound} inbound connections; it can never complete. Lower \"quorum\" to at most {inbound}.", "join-never-completes"));
            }
        }
    }

    private static void Check(ValidationContext context, ActivityNode a, string name, ExpressionInput input)
    {
        switch (input.ExpressionType)
        {
            case "JavaScript":
                if (JavaScriptEvaluator.CheckSyntax(input.ValueText ?? "") is { } problem)
                    context.Add(ValidationFinding.Error(a.Id, name, $"{problem} Script: {input.ValueText}", "script"));
                break;
            case "Liquid":
                if (LiquidEvaluator.CheckSyntax(input.ValueText ?? "") is { } liquidProblem)
                    context.Add(ValidationFinding.Error(a.Id, name, $"{liquidProblem} Template: {input.ValueText}", "script"));
                break;
            case "Object":
                try { ExpressionEvaluator.Evaluate(input, ExpressionScope.Empty()); }
                catch (ExpressionException e) { context.Add(ValidationFinding.Error(a.Id, name, e.Message, "bad-value")); }
                break;
            case "Literal" or "Variable":
                break;
            default:
                context.Add(ValidationFinding.Error(a.Id, name, $"Unsupported expression type \"{input.ExpressionType}\"; use one of {string.Join(", ", ExpressionEvaluator.SupportedTypes)}.", "script"));
                break;
        }
    }
}
