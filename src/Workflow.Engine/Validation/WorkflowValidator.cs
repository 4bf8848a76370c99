using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Serialization;
using Workflow.Engine.Validation.Rules;

namespace Workflow.Engine.Validation;

/// <summary>
/// Validates definitions (docs/definition-format.md, Validation): shape problems from reading, then the built-in rules (activity types,
/// connections and ports, start, expressions, reachability, joins) and any registered <see cref="IWorkflowValidationRule"/>.
/// Never throws for bad input.
/// </summary>
public sealed class WorkflowValidator
{
    private readonly ActivityRegistry _registry;
    private readonly IReadOnlyList<IWorkflowValidationRule> _rules;

    /// <summary>A validator running the built-in rules, then <paramref name="extraRules"/> in order.</summary>
    internal WorkflowValidator(ActivityRegistry registry, IEnumerable<IWorkflowValidationRule>? extraRules = null)
    {
        _registry = registry;
        _rules = [new ActivityTypeRule(), new ConnectionRule(), new StartRule(), new ExpressionRule(), new ReachabilityRule(), new JoinRule(), .. extraRules ?? []];
    }

    /// <summary>Reads and validates JSON text; the model is null when the text could not be read.</summary>
    public (WorkflowDefinition? Definition, IReadOnlyList<ValidationFinding> Findings) Validate(string json)
    {
        var read = WorkflowDefinitionReader.Read(json);
        if (read.Definition is null) return (null, read.Findings);
        var findings = read.Findings.Concat(Validate(read.Definition)).ToList();
        return (read.Definition, findings);
    }

    /// <summary>Validates a definition already read; a rule that throws becomes an error finding (<c>rule-failed</c>).</summary>
    internal IReadOnlyList<ValidationFinding> Validate(WorkflowDefinition definition)
    {
        var context = new ValidationContext(definition, _registry);
        foreach (var rule in _rules)
        {
            try
            {
                rule.Validate(context);
            }
            catch (Exception e)
            {
                context.Add(ValidationFinding.Error(null, null, $"The validation rule {rule.GetType().Name} could not check this definition: {e.Message}", "rule-failed"));
            }
        }
        return context.Findings;
    }
}
