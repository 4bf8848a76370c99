using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Projects;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// The permit domain's operations: registering projects, filing applications (each starts its stage workflow),
/// acting on steps, supplying materials (the read side is in <c>Tracking/</c>). It checks
/// domain rules before anything is applied; who may call what is the Host's business.
/// </summary>
public sealed class PermitService(
    MatterCatalogue catalogue,
    CalendarRegistry calendars,
    WorkflowRuntime runtime,
    IWorkflowInstanceStore instances,
    IDbContextFactory<WorkflowDbContext> contexts,
    IClock clock,
    WorkflowBindings bindings)
{
    /// <summary>How often a direct case-file update is retried after a concurrent change of the instance.</summary>
    private const int MaxRetries = 5;

    public MatterCatalogue Catalogue => catalogue;

    public WorkingCalendar CalendarOf(CaseFile file) => calendars.Get(file.CalendarId);

    // ---- projects ----

    /// <summary>Registers a project for <paramref name="agent"/>.</summary>
    /// <exception cref="PermitRuleViolation">A field is empty or the code is taken.</exception>
    public async Task<ProjectRow> CreateProjectAsync(NewProject project, string agent, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(project.Code)) errors["code"] = ["the project code (项目代码) is required"];
        if (string.IsNullOrWhiteSpace(project.Name)) errors["name"] = ["the project name is required"];
        if (string.IsNullOrWhiteSpace(project.Enterprise)) errors["enterprise"] = ["the applicant enterprise is required"];
        var unknown = (project.PriorApprovals ?? []).Where(c => catalogue.FindMatter(c) is null).ToList();
        if (unknown.Count > 0) errors["priorApprovals"] = [$"not matters of the catalogue: {string.Join(", ", unknown)}"];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ProjectRow>().AnyAsync(p => p.Code == project.Code.Trim(), cancellationToken))
            throw PermitRuleViolation.For("code", $"project code {project.Code} is registered already");
        var row = new ProjectRow
        {
            Id = "P" + Guid.NewGuid().ToString("N")[..12],
            Code = project.Code.Trim(),
            Name = project.Name.Trim(),
            Enterprise = project.Enterprise.Trim(),
            Agent = agent,
            Kind = project.Kind.ToString(),
            GreenChannel = project.GreenChannel,
            PriorApprovals = string.Join(",", project.PriorApprovals ?? []),
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    // ---- applications and cases ----

    /// <summary>
    /// Files an application for a stage of a project: checks the matters, materials and prerequisites against the
    /// catalogue, then starts the workflow bound to it (<see cref="WorkflowBindings"/>) with the case file. The case id is the instance id.
    /// </summary>
    /// <exception cref="PermitRuleViolation">A matter or material does not belong, or a prerequisite is not approved yet.</exception>
    /// <exception cref="StageUnavailableException">No published workflow serves the stage now.</exception>
    public async Task<CaseFile> ApplyAsync(ProjectRow project, NewApplication application, CancellationToken cancellationToken = default)
    {
        var stage = catalogue.Stages.FirstOrDefault(s => s.Stage == application.Stage)
            ?? throw PermitRuleViolation.For("stage", $"unknown stage {application.Stage}");
        var stageMatters = catalogue.MattersOf(application.Stage).ToList();
        var matterCodes = application.Matters is { Count: > 0 } chosen ? chosen.Distinct().ToList() : stageMatters.Select(m => m.Code).ToList();
        var errors = new Dictionary<string, string[]>();
        var foreign = matterCodes.Where(c => stageMatters.All(m => m.Code != c)).ToList();
        if (foreign.Count > 0) errors["matters"] = [$"not matters of stage {stage.Name}: {string.Join(", ", foreign)}"];
        var matters = stageMatters.Where(m => matterCodes.Contains(m.Code)).ToList();
        var required = matters.SelectMany(m => m.Materials.Select(x => (Matter: m, Material: x))).ToList();
        var unknown = application.Materials.Where(code => required.All(r => r.Material.Code != code)).ToList();
        if (unknown.Count > 0) errors["materials"] = [$"not materials of the applied matters: {string.Join(", ", unknown)}"];

        var earlier = await CasesOfProjectAsync(project.Id, cancellationToken);
        var approved = earlier.Where(c => c.State == nameof(CaseState.Issued)).Select(c => c.Matters)
            .Append(project.PriorApprovals).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        var missingPrerequisites = matters.SelectMany(m => m.Prerequisites.Where(p => !matterCodes.Contains(p) && !approved.Contains(p)).Select(p => $"{m.Code} needs {p}")).ToList();
        if (missingPrerequisites.Count > 0) errors["matters"] = [.. errors.GetValueOrDefault("matters") ?? [], $"prerequisites not approved yet (前置事项): {string.Join("; ", missingPrerequisites)}"];
        if (earlier.Any(c => c.Stage == application.Stage.ToString() && CaseStates.OpenNames.Contains(c.State)))
            errors["stage"] = [$"the project has an open case for stage {stage.Name} already"];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);

        // The binding in force now picks the workflow; the instance stays on this version whatever is bound later.
        var workflow = await bindings.ResolveAsync(project, application.Stage, matterCodes, cancellationToken);
        var now = clock.GetCurrentInstant();
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
        return FileOf(result.Instance) ?? file;
    }

    /// <summary>The case file and its workflow instance, or null when there is no such case.</summary>
    public async Task<(CaseFile File, WorkflowInstance Instance)?> GetCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var instance = await instances.FindAsync(caseId, cancellationToken);
        // A designer's test run (IsTest) carries a case file but is no case (docs/studio.md "Test runs").
        return instance is { IsTest: false } && FileOf(instance) is { } file ? (file, instance) : null;
    }

    private async Task<IReadOnlyList<CaseRow>> CasesOfProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CaseRow>().AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.SubmittedAt).ToListAsync(cancellationToken);
    }

    public static CaseFile? FileOf(WorkflowInstance instance) => CaseFileJson.FromNode(instance.Variables[CaseFile.VariableName]);

    // ---- steps ----

    public async Task<StepRow?> FindStepAsync(string stepId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<StepRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == stepId, cancellationToken);
    }

    /// <summary>
    /// Acts on a step: checks the rules, then resumes the step's bookmark with the action, all in one workflow
    /// transaction. With an idempotency key (scoped to the action's actor) the same key and body answer the
    /// first result again; another body with the same key throws <see cref="IdempotencyKeyReusedException"/>.
    /// </summary>
    /// <exception cref="StepConflictException">Stale <paramref name="expectedVersion"/>, the step closed or not actionable now.</exception>
    /// <exception cref="PermitRuleViolation">The action breaks a rule; nothing was applied.</exception>
    public async Task<(CaseFile File, StepRecord Step, bool Replayed)> ActAsync(string stepId, StepAction action, string? idempotencyKey, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await FindStepAsync(stepId, cancellationToken) ?? throw new StepConflictException(stepId, $"step {stepId} does not exist");
        var options = idempotencyKey is null ? null : new ResumeWorkflowOptions
        {
            IdempotencyScope = action.Actor,
            IdempotencyKey = idempotencyKey,
            RequestHash = Hash($"{stepId}\n{action.ToJson().ToJsonString()}"),
        };
        try
        {
            if (options is not null && await instances.FindIdempotencyRecordAsync(options.IdempotencyScope!, idempotencyKey!, cancellationToken) is not null)
                return await ResumeAsync(row, action, options, cancellationToken); // replay (or key reused with another body)

            if (expectedVersion is { } v && v != row.Version)
                throw new StepConflictException(stepId, $"step {stepId} changed: your version is {v}, the current one is {row.Version}");
            var (file, instance) = await GetCaseAsync(row.CaseId, cancellationToken) ?? throw new StepConflictException(stepId, $"case {row.CaseId} does not exist");
            var step = file.FindStep(stepId) ?? throw new StepConflictException(stepId, $"step {stepId} does not exist");
            StepActionRules.Validate(file, step, action, catalogue, step.WaiverAllowed);
            if (step.BookmarkId is null || instance.Bookmarks.All(b => b.Id != step.BookmarkId))
                throw new StepConflictException(stepId, $"step {stepId} is not waiting for an action");
            return await ResumeAsync(row, action, options, cancellationToken);
        }
        catch (Exception e) when (options is not null && e is StepConflictException or PermitRuleViolation)
        {
            // An identical retry racing the first (same key, same body) sees the step already acted on. The first
            // committed its answer with its key, so when the key is there now, the first answer is ours (docs/api.md, "Steps and actions": Idempotency-Key).
            if (await instances.FindIdempotencyRecordAsync(options.IdempotencyScope!, options.IdempotencyKey!, cancellationToken) is null) throw;
            return await ResumeAsync(row, action, options, cancellationToken);
        }
    }

    private async Task<(CaseFile File, StepRecord Step, bool Replayed)> ResumeAsync(StepRow row, StepAction action, ResumeWorkflowOptions? options, CancellationToken cancellationToken)
    {
        WorkflowRunResult result;
        try
        {
            result = await runtime.ResumeAsync(row.InstanceId, row.BookmarkId ?? "", action.ToJson(), options, cancellationToken);
        }
        catch (WorkflowRuntimeException)
        {
            // Someone else's action consumed the bookmark between our check and our resume: the first wins.
            throw new StepConflictException(row.Id, $"step {row.Id} was acted on by someone else first");
        }
        var file = FileOf(result.Instance)!;
        return (file, file.FindStep(row.Id)!, result.Replayed);
    }

    // ---- materials ----

    /// <summary>
    /// The applicant hands in materials: they are recorded on the case, commitments for them are fulfilled, and every
    /// activity waiting for them (a review waiting for its supplement, waiting commitments, an issue waiting for
    /// waived materials) is resumed.
    /// </summary>
    /// <exception cref="PermitRuleViolation">A code is not a material of the case.</exception>
    public async Task<CaseFile> SupplyMaterialsAsync(string caseId, IReadOnlyList<string> codes, string actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var instance = await instances.FindAsync(caseId, cancellationToken) ?? throw PermitRuleViolation.For("caseId", $"case {caseId} does not exist");
            var file = FileOf(instance) ?? throw PermitRuleViolation.For("caseId", $"{caseId} is not a case");
            var unknown = codes.Where(c => file.Materials.All(m => m.Code != c)).ToList();
            if (codes.Count == 0) throw PermitRuleViolation.For("materials", "name at least one material");
            if (unknown.Count > 0) throw PermitRuleViolation.For("materials", $"not materials of this case: {string.Join(", ", unknown)}");
            if (instance.Status == WorkflowStatus.Finished) throw new StepConflictException(caseId, $"case {caseId} is closed ({file.State})");

            var now = clock.GetCurrentInstant();
            var set = codes.ToHashSet();
            for (var i = 0; i < file.Materials.Count; i++)
                if (set.Contains(file.Materials[i].Code)) file.Materials[i] = file.Materials[i] with { Present = true, SubmittedAt = now };
            for (var i = 0; i < file.Commitments.Count; i++)
                if (file.Commitments[i].IsOpen && set.Contains(file.Commitments[i].MaterialCode)) file.Commitments[i] = file.Commitments[i] with { FulfilledAt = now };
            if (file.State == CaseState.WaitingForSupplement && file.Steps.Any(s => s.Kind == StepKind.Intake && s.IsOpen)) file.State = CaseState.Submitted;
            CaseClocks.Refresh(file, CalendarOf(file), now);
            instance.Variables[CaseFile.VariableName] = CaseFileJson.ToNode(file);
            instance.UpdatedAt = now;
            try
            {
                await instances.UpdateAsync(instance, [], null, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxRetries)
            {
                continue;
            }

            var present = file.PresentMaterials;
            var waiting = file.Steps.Where(s => s.State == StepState.WaitingForSupplement && s.BookmarkId is not null
                    && s.SupplementRequests[^1].Items.All(i => present.Contains(i.Code)))
                .Select(s => s.BookmarkId!)
                .Concat(instance.Bookmarks.Where(b => b.Kind == PermitActivity.MaterialsKind).Select(b => b.Id))
                .ToList();
            var supplied = new StepAction(StepAction.MaterialsSuppliedEvent, null, null, [], [], actor, false, null).ToJson();
            foreach (var bookmarkId in waiting)
            {
                try
                {
                    await runtime.ResumeAsync(caseId, bookmarkId, supplied, null, cancellationToken);
                }
                catch (WorkflowRuntimeException)
                {
                    // Resumed by someone else meanwhile: it saw the same materials.
                }
            }
            return (await GetCaseAsync(caseId, cancellationToken))!.Value.File;
        }
    }

    // ---- calendars ----

    /// <summary>
    /// Imports an announced official schedule (an .ics text) into a calendar, replacing its provisional dates, and
    /// recomputes every open clock on it, auditing each due instant that moved (docs/calendars.md, Provisional extension).
    /// </summary>
    /// <returns>How many due instants moved.</returns>
    /// <exception cref="CalendarDataException">The schedule is not valid (the message names the source and the event).</exception>
    public async Task<int> ImportOfficialScheduleAsync(string calendarId, string icsText, string source, string version, CancellationToken cancellationToken = default)
    {
        calendars.ImportOfficialSchedule(calendarId, IcsCalendarFormat.Read(icsText, source), version);
        return await RecomputeOpenClocksAsync(cancellationToken);
    }

    /// <summary>
    /// Recomputes the due instants of every open case whose clocks were computed on another calendar version, and
    /// audits each change (<see cref="CaseFile.ClockChanges"/>). Run at start-up (a calendar file may have been imported
    /// while the app was down) and after every import.
    /// </summary>
    /// <returns>How many due instants moved.</returns>
    public async Task<int> RecomputeOpenClocksAsync(CancellationToken cancellationToken = default)
    {
        // Only cases computed on another version than the current one are loaded: at start-up with nothing imported, none.
        var current = calendars.Get(catalogue.CalendarId).Version;
        List<string> ids;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var open = CaseStates.OpenNames.ToArray();
            ids = await db.Set<CaseRow>().AsNoTracking().Where(c => open.Contains(c.State) && (c.CalendarVersion == null || c.CalendarVersion != current))
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var moved = 0;
        foreach (var id in ids)
        {
            for (var attempt = 0; ; attempt++)
            {
                var instance = await instances.FindAsync(id, cancellationToken);
                if (instance is null || FileOf(instance) is not { } file) break;
                var calendar = CalendarOf(file);
                if (file.CalendarVersion == calendar.Version) break;
                var now = clock.GetCurrentInstant();
                var changes = CaseClocks.RecomputeAndAudit(file, calendar, now);
                instance.Variables[CaseFile.VariableName] = CaseFileJson.ToNode(file);
                instance.UpdatedAt = now;
                try
                {
                    await instances.UpdateAsync(instance, [], null, cancellationToken);
                    moved += changes;
                    break;
                }
                catch (ConcurrencyConflictException) when (attempt < MaxRetries)
                {
                }
            }
        }
        return moved;
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
