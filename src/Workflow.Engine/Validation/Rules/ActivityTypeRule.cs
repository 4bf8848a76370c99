namespace Workflow.Engine.Validation.Rules;

/// <summary>Error for every activity whose type is not registered.</summary>
internal sealed class ActivityTypeRule : IWorkflowValidationRule
{
    public void Validate(ValidationContext context)
    {
        foreach (var a in context.Definition.AllActivities())
        {
            if (a.IsFlowchart || a.Type.Length == 0 || context.Registry.Find(a.Type) is not null) continue;
            var near = context.Registry.All.Select(t => t.TypeName)
                .Where(t => t.EndsWith("." + a.Type.Split('.')[^1], StringComparison.OrdinalIgnoreCase)).ToList();
            var hint = near.Count > 0 ? $" Did you mean {string.Join(" or ", near.Select(n => $"\"{n}\""))}?" : " Register the activity class with AddWorkflowEngine(o => o.AddActivity<T>()), or use one of the supported types listed in docs/definition-format.md.";
            context.Add(ValidationFinding.Error(a.Id, "type", $"Unknown activity type \"{a.Type}\".{hint}", "unknown-type"));
        }
    }
}
