using Workflow.Definitions.Messages;
using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Audit;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Bindings;

/// <summary>
/// Which published workflow handles which applications (docs/bindings.md): one binding per stage, optionally a
/// different one for a matter or a kind of project. New applications start the binding in force when they are filed,
/// most specific first (matter, then project kind, then stage); a running case keeps the definition version it
/// started on, because the engine pins every instance to its version. Every change is audited.
/// </summary>
public sealed class WorkflowBindings(
    MatterCatalogue catalogue,
    IWorkflowDefinitionStore definitions,
    BindingCheck check,
    IDbContextFactory<WorkflowDbContext> contexts,
    IClock clock)
{
    /// <summary>Who made the bindings seeded at start-up.</summary>
    public const string SystemActor = "system";

    /// <summary>Every binding in force, by stage, then stage-wide first, then key.</summary>
    public async Task<IReadOnlyList<WorkflowBinding>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<BindingRow>().AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(ToBinding).OrderBy(b => b.Scope.Stage).ThenBy(b => b.Scope.Specificity).ThenBy(b => b.Scope.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The audit of binding changes, newest first.</summary>
    public async Task<IReadOnlyList<BindingChange>> ChangesAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<BindingChangeRow>().AsNoTracking().OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
        return rows.Select(r => new BindingChange(r.ScopeKey, r.BeforeDefinitionId, r.AfterDefinitionId, r.Actor, r.At)).ToList();
    }

    /// <summary>Binds <paramref name="scope"/> to <paramref name="definitionId"/> (creating or replacing the binding) and audits the change.</summary>
    /// <exception cref="BindingRefused">The workflow cannot serve the scope, or the scope is not one of the catalogue's.</exception>
    public async Task<WorkflowBinding> SetAsync(BindingScope scope, string definitionId, string actor, CancellationToken cancellationToken = default)
    {
        var problems = await check.ProblemsAsync(scope, definitionId, cancellationToken);
        if (problems.Count > 0) throw new BindingRefused(problems.ToDictionary(p => p.Key, p => p.Value.ToArray()));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var row = await db.Set<BindingRow>().FirstOrDefaultAsync(b => b.ScopeKey == scope.Key, cancellationToken);
        var before = row?.DefinitionId;
        if (row is null)
        {
            row = new BindingRow { ScopeKey = scope.Key, Stage = scope.Stage.ToString(), Matter = scope.Matter, ProjectKind = scope.ProjectKind?.ToString() };
            db.Add(row);
        }
        row.DefinitionId = definitionId;
        row.ChangedBy = actor;
        row.ChangedAt = now;
        db.Add(Audit(scope.Key, before, definitionId, actor, now));
        await AuditChain.AppendAsync(db, [new AuditFact("binding.changed", actor, null, null, null, before, $"{scope.Key} → {definitionId}")], now, AuditScope.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ToBinding(row);
    }

    /// <summary>Removes a matter or project-kind binding (the stage's own binding then applies again) and audits it; false when there was none.</summary>
    /// <exception cref="BindingRefused">The scope is a whole stage: a stage always keeps a binding (bind another workflow instead).</exception>
    public async Task<bool> RemoveAsync(BindingScope scope, string actor, CancellationToken cancellationToken = default)
    {
        if (scope.IsStageWide)
            throw new BindingRefused(new Dictionary<string, Bilingual[]>
            {
                ["stage"] = [new("每个阶段必须保留一个整阶段绑定；如需更换，请绑定另一个工作流", "a stage always keeps its stage-wide binding; bind another workflow to it instead")],
            });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Set<BindingRow>().FirstOrDefaultAsync(b => b.ScopeKey == scope.Key, cancellationToken);
        if (row is null) return false;
        db.Remove(row);
        var now = clock.GetCurrentInstant();
        db.Add(Audit(scope.Key, row.DefinitionId, null, actor, now));
        await AuditChain.AppendAsync(db, [new AuditFact("binding.removed", actor, null, null, null, $"{scope.Key} → {row.DefinitionId}", null)], now, AuditScope.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Binds every stage that has no binding yet to the workflow the catalogue names for it (the shipped stage
    /// workflows), audited as <see cref="SystemActor"/>. An administrator's choice is never overwritten.
    /// </summary>
    /// <returns>The stages it bound.</returns>
    public async Task<IReadOnlyList<Stage>> EnsureSeededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<BindingRow>().AsNoTracking().Select(b => b.ScopeKey).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var seeded = new List<Stage>();
        foreach (var stage in catalogue.Stages)
        {
            var scope = new BindingScope(stage.Stage);
            if (existing.Contains(scope.Key)) continue;
            db.Add(new BindingRow { ScopeKey = scope.Key, Stage = stage.Stage.ToString(), DefinitionId = stage.WorkflowDefinitionId, ChangedBy = SystemActor, ChangedAt = now });
            db.Add(Audit(scope.Key, null, stage.WorkflowDefinitionId, SystemActor, now));
            seeded.Add(stage.Stage);
        }
        await db.SaveChangesAsync(cancellationToken);
        return seeded;
    }

    /// <summary>
    /// The workflow a new application starts: the binding of its matters, else of the project's green channel or kind,
    /// else of the stage (the catalogue's stage workflow when no binding is stored).
    /// </summary>
    /// <exception cref="PermitRuleViolation">The application's matters would run on different workflows (file them separately).</exception>
    /// <exception cref="StageUnavailableException">The chosen workflow has no published version.</exception>
    public async Task<ResolvedWorkflow> ResolveAsync(ProjectRow project, Stage stage, IReadOnlyList<string> matters, CancellationToken cancellationToken = default)
    {
        var stageDefinition = catalogue.GetStage(stage);
        IReadOnlyList<WorkflowBinding> bindings;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            bindings = (await db.Set<BindingRow>().AsNoTracking().Where(b => b.Stage == stage.ToString()).ToListAsync(cancellationToken)).Select(ToBinding).ToList();

        var general = ProjectCategories.Of(project).Select(c => bindings.FirstOrDefault(b => b.Scope.Matter is null && b.Scope.ProjectKind == c)).FirstOrDefault(b => b is not null)
            ?? bindings.FirstOrDefault(b => b.Scope.IsStageWide);
        // Each matter goes where its own binding says, else where the project's is; one case runs one workflow.
        var perMatter = matters.Select(m => (Matter: m, Binding: bindings.FirstOrDefault(b => b.Scope.Matter == m) ?? general)).ToList();
        if (perMatter.Select(p => p.Binding?.DefinitionId).Distinct().Count() > 1)
            throw PermitRuleViolation.For("matters", RuleCodes.ApplicationMattersSplit,
                string.Join("; ", perMatter.Select(p => $"{p.Matter} → {p.Binding?.DefinitionId ?? stageDefinition.WorkflowDefinitionId}")));
        var chosen = perMatter.Select(p => p.Binding).FirstOrDefault(b => b?.Scope.Matter is not null) ?? general;
        var scope = chosen?.Scope ?? new BindingScope(stage);
        var definitionId = chosen?.DefinitionId ?? stageDefinition.WorkflowDefinitionId;

        var published = await definitions.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken)
            ?? throw new StageUnavailableException(stage, stageDefinition.Name, definitionId);
        return new ResolvedWorkflow(definitionId, published.Version, published.Name, scope);
    }

    /// <summary>The bindings that use <paramref name="definitionId"/>.</summary>
    public async Task<IReadOnlyList<WorkflowBinding>> UsingAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<BindingRow>().AsNoTracking().Where(b => b.DefinitionId == definitionId).ToListAsync(cancellationToken);
        return rows.Select(ToBinding).OrderBy(b => b.Scope.Stage).ThenBy(b => b.Scope.Key, StringComparer.Ordinal).ToList();
    }

    private static BindingChangeRow Audit(string key, string? before, string? after, string actor, Instant at) => new()
    {
        ScopeKey = key, BeforeDefinitionId = before, AfterDefinitionId = after, Actor = actor, At = at,
    };

    private static WorkflowBinding ToBinding(BindingRow row) => new(
        new BindingScope(Enum.Parse<Stage>(row.Stage), row.Matter, row.ProjectKind is null ? null : Enum.Parse<ProjectCategory>(row.ProjectKind)),
        row.DefinitionId, row.ChangedBy, row.ChangedAt);
}
