using Workflow.Definitions.Messages;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Filing;

/// <summary>
/// The application desk: files an application for a stage of a project. It checks the matters, materials and
/// prerequisites against the catalogue, then starts the workflow bound to the stage (<see cref="WorkflowBindings"/>)
/// with a new case file; the case id is the instance id.
/// </summary>
public sealed class ApplicationDesk(
    MatterCatalogue catalogue,
    WorkflowRuntime runtime,
    IDbContextFactory<WorkflowDbContext> contexts,
    IClock clock,
    WorkflowBindings bindings,
    Workflow.Engine.Calendar.CalendarRegistry calendars)
{
    /// <summary>Files <paramref name="application"/> for <paramref name="project"/> and answers the new case file.</summary>
    /// <exception cref="PermitRuleViolation">A matter or material does not belong, a prerequisite is not approved yet, or the working calendar does not cover the intake clock.</exception>
    /// <exception cref="StageUnavailableException">No published workflow serves the stage now.</exception>
    public async Task<CaseFile> ApplyAsync(ProjectRow project, NewApplication application, CancellationToken cancellationToken = default)
    {
        var stage = catalogue.Stages.FirstOrDefault(s => s.Stage == application.Stage)
            ?? throw PermitRuleViolation.For("stage", RuleCodes.ApplicationStageUnknown, application.Stage.ToString());
        var stageMatters = catalogue.MattersOf(application.Stage).ToList();
        var matterCodes = application.Matters is { Count: > 0 } chosen ? chosen.Distinct().ToList() : stageMatters.Select(m => m.Code).ToList();
        var errors = new Dictionary<string, RuleMessage[]>();
        var foreign = matterCodes.Where(c => stageMatters.All(m => m.Code != c)).ToList();
        if (foreign.Count > 0) errors["matters"] = [new(RuleCodes.ApplicationMattersOutsideStage, stage.Stage, string.Join(", ", foreign))];
        var matters = stageMatters.Where(m => matterCodes.Contains(m.Code)).ToList();
        var required = matters.SelectMany(m => m.Materials.Select(x => (Matter: m, Material: x))).ToList();
        var unknown = application.Materials.Where(code => required.All(r => r.Material.Code != code)).ToList();
        if (unknown.Count > 0) errors["materials"] = [new(RuleCodes.ApplicationMaterialsUnknown, string.Join(", ", unknown))];

        var earlier = await CasesOfProjectAsync(project.Id, cancellationToken);
        var approved = earlier.Where(c => c.State == CaseState.Issued).Select(c => c.Matters)
            .Append(project.PriorApprovals).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        var missingPrerequisites = matters.Select(m => (Matter: m.Code, Lacks: m.Prerequisites.Where(p => !matterCodes.Contains(p) && !approved.Contains(p)).ToList()))
            .Where(m => m.Lacks.Count > 0).Select(m => new RuleMessage(RuleCodes.ApplicationPrerequisiteMissing, CatalogueNames.Matters([m.Matter]), CatalogueNames.Matters(m.Lacks))).ToList();
        if (missingPrerequisites.Count > 0) errors["matters"] = [.. errors.GetValueOrDefault("matters") ?? [], .. missingPrerequisites];
        if (earlier.Any(c => c.Stage == application.Stage && c.State.IsOpen()))
            errors["stage"] = [new(RuleCodes.ApplicationStageOpen, stage.Stage)];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);
        // Filing opens the intake step and its clock: the calendar must cover today and the clock's end (docs/calendars.md).
        var now = clock.GetCurrentInstant();
        Clocks.CalendarCoverage.Ensure(calendars.Get(catalogue.CalendarId), now, matters.Count == 0 ? Matter.DefaultIntakeLimit : matters.Min(m => m.IntakeLimit));

        // The binding in force now picks the workflow; the instance stays on this version whatever is bound later.
        var workflow = await bindings.ResolveAsync(project, application.Stage, matterCodes, cancellationToken);
        var present = application.Materials.ToHashSet();
        var file = new CaseFile
        {
            CaseId = "C" + Guid.NewGuid().ToString("N")[..12],
            ProjectId = project.Id,
            ProjectName = project.Name,
            Agent = project.Agent,
            Stage = application.Stage,
            Matters = matterCodes,
            GreenChannel = project.GreenChannel,
            CalendarId = catalogue.CalendarId,
            SubmittedAt = now,
            Materials = required.Select(r => new MaterialRecord(r.Material.Code, r.Material.Name, r.Matter.Code, present.Contains(r.Material.Code), present.Contains(r.Material.Code) ? now : null)).ToList(),
            Workflow = new CaseWorkflow(workflow.DefinitionId, workflow.Version, workflow.Name, workflow.Scope.Key),
        };
        var result = await runtime.StartAsync(workflow.DefinitionId, VersionSelector.Published, new StartWorkflowOptions
        {
            InstanceId = file.CaseId,
            CorrelationId = project.Id,
            Input = new JsonObject { [CaseFile.VariableName] = CaseFileJson.ToNode(file), ["projectId"] = project.Id },
        }, cancellationToken);
        return CaseFiles.FileOf(result.Instance) ?? file;
    }

    private async Task<IReadOnlyList<CaseRow>> CasesOfProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CaseRow>().AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.SubmittedAt).ToListAsync(cancellationToken);
    }
}
