using Workflow.Definitions.Messages;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Steps;

/// <summary>
/// The step desk: a reviewer (or the front desk) acts on a step. The domain's rules are checked before anything is
/// applied; who may act is the Host's business (docs/architecture.md, "One reviewer action").
/// </summary>
public sealed class StepDesk(
    MatterCatalogue catalogue,
    WorkflowRuntime runtime,
    IWorkflowInstanceStore instances,
    IDbContextFactory<WorkflowDbContext> contexts,
    MaterialFiles.MaterialFiles files,
    Workflow.Engine.Calendar.CalendarRegistry calendars,
    NodaTime.IClock clock)
{
    /// <summary>The step's projection row (who holds it, its kind and version), or null.</summary>
    public async Task<StepRow?> FindStepAsync(string stepId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<StepRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == stepId, cancellationToken);
    }

    /// <summary>Acts on the step with id <paramref name="stepId"/> (see the overload taking its row).</summary>
    /// <exception cref="StepConflictException">No such step, stale <paramref name="expectedVersion"/>, the step closed or not actionable now.</exception>
    /// <exception cref="PermitRuleViolation">The action breaks a rule; nothing was applied.</exception>
    public async Task<(CaseFile File, StepRecord Step, bool Replayed)> ActAsync(string stepId, StepAction action, string? idempotencyKey, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await FindStepAsync(stepId, cancellationToken) ?? throw new StepConflictException(stepId, RuleCodes.StepNotFound);
        return await ActAsync(row, action, idempotencyKey, expectedVersion, cancellationToken);
    }

    /// <summary>
    /// Acts on a step whose row the caller read already (to authorise the action): resumes the step's bookmark with the
    /// action, and the rules (<see cref="StepActionRules"/>, the version check) run on the instance the runtime loaded
    /// for this resume, inside its one transaction, before anything is applied. With an idempotency key (scoped to the
    /// action's actor) the same key and body answer the first result again; another body with the same key throws
    /// <see cref="IdempotencyKeyReusedException"/>.
    /// </summary>
    /// <exception cref="StepConflictException">Stale <paramref name="expectedVersion"/>, the step closed or not actionable now.</exception>
    /// <exception cref="PermitRuleViolation">The action breaks a rule; nothing was applied.</exception>
    public async Task<(CaseFile File, StepRecord Step, bool Replayed)> ActAsync(StepRow row, StepAction action, string? idempotencyKey, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        // The file the check reads is the file before the run: the projection then writes only the rows the run changed.
        using var before = CaseFileBefore.Begin();
        var options = new ResumeWorkflowOptions
        {
            IdempotencyScope = idempotencyKey is null ? null : action.Actor,
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : Hash($"{row.Id}\n{action.ToJson().ToJsonString()}"),
            BeforeResume = instance => Check(instance, row.Id, action, expectedVersion, before),
        };
        // Files marked defective join the notice or request (docs/materials.md); the key's hash is of the body as sent.
        action = await WithDefectiveFilesAsync(row.CaseId, action, cancellationToken);
        try
        {
            // A repeated key is answered by the runtime before the check runs (the step is closed by then).
            return await ResumeAsync(row, action, options, cancellationToken);
        }
        catch (Exception e) when (idempotencyKey is not null && e is StepConflictException or PermitRuleViolation)
        {
            // An identical retry racing the first (same key, same body) sees the step already acted on. The first
            // committed its answer with its key, so when the key is there now, the first answer is ours (docs/api.md, "Steps and actions": Idempotency-Key).
            if (await instances.FindIdempotencyRecordAsync(options.IdempotencyScope!, idempotencyKey, cancellationToken) is null) throw;
            return await ResumeAsync(row, action, options, cancellationToken);
        }
    }

    /// <summary>A one-time notice or a supplement request also lists the materials whose current file is marked defective.</summary>
    private async Task<StepAction> WithDefectiveFilesAsync(string caseId, StepAction action, CancellationToken cancellationToken)
    {
        if (action.Event != StepAction.ActionEvent || action.Outcome is not ("SupplementRequired" or "SupplementRequested")) return action;
        var defects = await files.DefectsAsync(caseId, cancellationToken);
        var named = action.MissingMaterials.Select(m => m.Code).ToHashSet();
        var added = defects.Where(d => !named.Contains(d.Code)).ToList();
        return added.Count == 0 ? action : action with { MissingMaterials = [.. action.MissingMaterials, .. added] };
    }

    /// <summary>The rules, on the instance as loaded for the resume: nothing is applied when one is broken.</summary>
    private void Check(WorkflowInstance instance, string stepId, StepAction action, int? expectedVersion, CaseFileBefore.Handoff before)
    {
        var file = instance.IsTest ? null : CaseFiles.FileOf(instance);
        var step = file?.FindStep(stepId) ?? throw new StepConflictException(stepId, RuleCodes.StepNotFound);
        before.Remember(instance, file);
        if (expectedVersion is { } v && v != step.Version)
            throw new StepConflictException(stepId, RuleCodes.StepChanged);
        StepActionRules.Validate(file, step, action, catalogue, step.WaiverAllowed);
        EnsureCalendarCovers(file, step, action);
        if (step.BookmarkId is null || instance.Bookmarks.All(b => b.Id != step.BookmarkId))
            throw new StepConflictException(stepId, RuleCodes.StepNotWaiting);
    }

    /// <summary>
    /// An action counts on today; an acceptance also starts the case's statutory clock. Both must lie inside the working
    /// calendar, or the action is refused before it runs (docs/calendars.md, *Days the calendar does not cover*).
    /// </summary>
    private void EnsureCalendarCovers(CaseFile file, StepRecord step, StepAction action)
    {
        var accepting = step.Kind == StepKind.Intake && action.Outcome is nameof(Intake.IntakeOutcome.Accepted) or nameof(Intake.IntakeOutcome.AcceptedWithWaiver);
        Clocks.CalendarCoverage.Ensure(calendars.Get(file.CalendarId), clock.GetCurrentInstant(),
            accepting ? Intake.IntakeActivity.Limits(catalogue, file).Statutory : 0);
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
            throw new StepConflictException(row.Id, RuleCodes.StepActedFirst);
        }
        var file = Persistence.SavedCaseFile.AfterSave(result.Instance)!;
        return (file, file.FindStep(row.Id)!, result.Replayed);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
