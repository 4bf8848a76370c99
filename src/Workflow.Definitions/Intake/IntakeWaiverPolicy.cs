using System.Collections.Concurrent;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence;
using Workflow.Engine.Serialization;

namespace Workflow.Definitions.Intake;

/// <summary>
/// Whether the window may accept an application with waived materials (容缺受理) before it is filed: the catalogue marks
/// a material waivable, but only an intake whose <see cref="IntakeActivity.AllowWaiver"/> is on can waive it, and that
/// is the bound workflow's choice (the shipped stage 3 on, stages 1, 2 and 4 off). The apply form shows 可容缺 only where
/// the workflow the matter would start can take it (docs/domain.md, *Waived materials*).
/// </summary>
public sealed class IntakeWaiverPolicy(WorkflowBindings bindings, IWorkflowDefinitionStore definitions)
{
    /// <summary>The Elsa type of <see cref="IntakeActivity"/> in a definition's JSON (its category and type name).</summary>
    public const string IntakeType = "Permits.Intake";

    // The verdict per published version: a version's definition never changes once published (saving makes the next
    // version), so each is read and parsed once per process, not on every showing of the apply form.
    private readonly ConcurrentDictionary<(string DefinitionId, int Version), bool> _byVersion = new();

    /// <summary>
    /// The matters of <paramref name="stage"/> whose workflow, filed for <paramref name="project"/> today, has an intake
    /// that may accept with waiver. An intake whose switch is an expression decides only when it runs: it counts as may.
    /// </summary>
    public async Task<IReadOnlySet<string>> MattersAllowingWaiverAsync(ProjectRow project, Stage stage, IEnumerable<string> matters, CancellationToken cancellationToken = default)
    {
        var allowing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var matter in matters)
        {
            ResolvedWorkflow workflow;
            try
            {
                workflow = await bindings.ResolveAsync(project, stage, [matter], cancellationToken);
            }
            catch (StageUnavailableException)
            {
                continue; // nothing can be filed for it; filing says so
            }
            if (!_byVersion.TryGetValue((workflow.DefinitionId, workflow.Version), out var allows))
            {
                var stored = await definitions.FindAsync(workflow.DefinitionId, VersionSelector.Specific, workflow.Version, cancellationToken);
                allows = stored is not null && AllowsWaiver(stored.Json);
                if (stored is not null) _byVersion[(workflow.DefinitionId, workflow.Version)] = allows;
            }
            if (allows) allowing.Add(matter);
        }
        return allowing;
    }

    /// <summary>True when an intake of the definition may accept with waiver (a literal true, or an expression).</summary>
    public static bool AllowsWaiver(string definitionJson) =>
        WorkflowDefinitionReader.Read(definitionJson).Definition is { } definition
        && definition.Root.Descendants().Where(a => a.Type == IntakeType).Any(intake => intake.GetInput(nameof(IntakeActivity.AllowWaiver)) switch
        {
            null => false, // the activity's default: no waiver
            { ExpressionType: "Literal" } literal => bool.TryParse(literal.ValueText, out var on) && on,
            _ => true,
        });
}
