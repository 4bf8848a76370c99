using Workflow.Engine.Activities;

namespace Workflow.Engine.Validation.Rules;

/// <summary>
/// Errors for connections to or from a missing activity, from a port the source activity does not have, into a port
/// other than <c>In</c>, or repeating another connection (same source, outcome, target and port: it would run the
/// target once per copy).
/// </summary>
internal sealed class ConnectionRule : IWorkflowValidationRule
{
    public void Validate(ValidationContext context)
    {
        foreach (var flowchart in context.Flowcharts())
        {
            var ids = flowchart.Activities.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in flowchart.Connections)
            {
                var where = $"Connection {c.SourceActivityId}:{c.SourcePort} → {c.TargetActivityId}:{c.TargetPort}";
                if (!seen.Add(c.Key))
                {
                    context.Add(ValidationFinding.Error(c.SourceActivityId, "connections", $"{where} appears more than once in flowchart {flowchart.Id}; remove the copies.", "duplicate-connection"));
                    continue;
                }
                if (!ids.TryGetValue(c.SourceActivityId, out var source))
                {
                    context.Add(ValidationFinding.Error(c.SourceActivityId, "connections", $"{where} starts at activity \"{c.SourceActivityId}\", which flowchart {flowchart.Id} does not have. Connect from an existing activity or remove the connection.", "dangling-connection"));
                    continue;
                }
                if (!ids.ContainsKey(c.TargetActivityId))
                {
                    context.Add(ValidationFinding.Error(c.SourceActivityId, "connections", $"{where} leads to activity \"{c.TargetActivityId}\", which flowchart {flowchart.Id} does not have. Connect to an existing activity or remove the connection.", "dangling-connection"));
                    continue;
                }
                if (c.TargetPort != "In")
                    context.Add(ValidationFinding.Error(c.TargetActivityId, "connections", $"{where} enters through port \"{c.TargetPort}\"; activities have one inbound port, \"In\".", "missing-port"));
                if (context.Registry.Find(source.Type) is not { } type) continue;
                var prototype = (Activity)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type.ClrType);
                IReadOnlyList<string> outcomes;
                try { outcomes = prototype.GetOutcomes(source); }
                catch (Exception) { continue; }
                if (outcomes.Count == 0) continue; // ports decided at run time (e.g. FlowFork branches from a script)
                if (prototype is ITerminalActivity)
                    context.Add(ValidationFinding.Error(source.Id, "connections", $"{where} leaves {source.Type}, which ends the flow and has no outbound ports.", "missing-port"));
                else if (!outcomes.Contains(c.SourcePort))
                    context.Add(ValidationFinding.Error(source.Id, "connections", $"{where} leaves through port \"{c.SourcePort}\", but {source.Type} {source.Id} has the ports {string.Join(", ", outcomes.Select(o => $"\"{o}\""))}.", "missing-port"));
            }
        }
    }
}
