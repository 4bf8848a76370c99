using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// Projects the case file of every saved instance into <c>permit_cases</c> and <c>permit_steps</c>, inside the
/// save's transaction, so the tables never disagree with the workflow. Instances without a case file are not cases.
/// </summary>
internal sealed class PermitProjection(CalendarRegistry calendars) : IWorkflowSaveParticipant
{
    /// <inheritdoc />
    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        // A designer's test run (the Studio's Run) is never a case: no inbox, case list or figure may show it (docs/studio.md).
        if (SavedCaseFile.Of(context) is not { } file) return;
        var calendar = calendars.Find(file.CalendarId);
        if (CaseFileBefore.For(context.Instance) is { } before && before.File.CaseId == file.CaseId && SameCalendar(before.File, file, calendar))
            ProjectChanges(context, before.File, before.UpdatedAt, file, calendar!);
        else
            await ProjectAllAsync(context, file, calendar, cancellationToken);

        // The supervisor's per-department counters, from the step rows either path staged (docs/supervision.md, "Counting at scale").
        await OpenStepCounts.RecordAsync(context.DbContext, file.CaseId, cancellationToken);
    }

    /// <summary>The full projection: reads the case row and its step rows and writes every column.</summary>
    private static async Task ProjectAllAsync(WorkflowSaveContext context, CaseFile file, WorkingCalendar? calendar, CancellationToken cancellationToken)
    {
        var db = context.DbContext;

        var row = await db.Set<CaseRow>().FindAsync([file.CaseId], cancellationToken);
        if (row is null)
        {
            row = new CaseRow { Id = file.CaseId, InstanceId = context.Instance.Id, ProjectId = file.ProjectId, Matters = "", State = file.State, Agent = file.Agent };
            db.Add(row);
        }
        Project(file, context.Instance.UpdatedAt, row);

        var caseLevels = CaseLevels(file, calendar);
        var existing = await db.Set<StepRow>().Where(s => s.CaseId == file.CaseId).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var step in file.Steps)
        {
            if (!existing.TryGetValue(step.Id, out var s))
            {
                s = NewStepRow(step, file, context.Instance.Id);
                db.Add(s);
            }
            Project(step, file, calendar, caseLevels, s);
        }
    }

    /// <summary>
    /// The case file as loaded for this save is known (<see cref="CaseFileBefore"/>): the committed rows are its projection,
    /// written in the transaction that committed it, so nothing is read. Each row is projected from the file before and
    /// after; a row whose projection did not change is tracked unchanged (no statement; <see cref="CaseRowsBefore"/> still
    /// gives the rows before for the audit and the notifications), a changed one is updated in full (every column, as the
    /// full projection writes it), a new step is inserted.
    /// </summary>
    private static void ProjectChanges(WorkflowSaveContext context, CaseFile before, NodaTime.Instant updatedBefore, CaseFile file, WorkingCalendar calendar)
    {
        var db = context.DbContext;
        var instanceId = context.Instance.Id;
        var oldCase = Project(before, updatedBefore, NewCaseRow(before, instanceId));
        var newCase = Project(file, context.Instance.UpdatedAt, NewCaseRow(file, instanceId));
        // Rows numbered by the migration keep their number until the case file carries it: unknown here, so not written.
        Track(db, oldCase, newCase, keep: [.. InsertedOnly.Case, .. file.CaseNumber is null ? [nameof(CaseRow.CaseNumber)] : Array.Empty<string>(),
            .. file.QueryCode is null ? [nameof(CaseRow.QueryCode)] : Array.Empty<string>()]);

        var oldLevels = CaseLevels(before, calendar);
        var newLevels = CaseLevels(file, calendar);
        foreach (var step in file.Steps)
        {
            var after = Project(step, file, calendar, newLevels, NewStepRow(step, file, instanceId));
            if (before.FindStep(step.Id) is not { } was) db.Add(after);
            else Track(db, Project(was, before, calendar, oldLevels, NewStepRow(was, before, instanceId)), after, keep: InsertedOnly.Step);
        }
    }

    /// <summary>The columns the full projection writes only when it inserts a row: an update leaves them as they are.</summary>
    private static class InsertedOnly
    {
        public static readonly string[] Case = [nameof(CaseRow.InstanceId), nameof(CaseRow.ProjectId)];
        public static readonly string[] Step = [nameof(StepRow.CaseId), nameof(StepRow.InstanceId), nameof(StepRow.ProjectId),
            nameof(StepRow.ActivityId), nameof(StepRow.Kind), nameof(StepRow.Department)];
    }

    /// <summary>Tracks <paramref name="after"/> as the update of the committed <paramref name="before"/>: unchanged when equal, else every column but the key and <paramref name="keep"/>.</summary>
    private static void Track<TRow>(DbContext db, TRow before, TRow after, IReadOnlyCollection<string> keep) where TRow : class
    {
        var entry = db.Attach(after);
        entry.OriginalValues.SetValues(before);
        var written = entry.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !keep.Contains(p.Metadata.Name)).ToList();
        foreach (var kept in entry.Properties.Where(p => keep.Contains(p.Metadata.Name)))
        {
            kept.CurrentValue = kept.OriginalValue;
            kept.IsModified = false;
        }
        if (!written.Any(p => !Equals(p.OriginalValue, p.CurrentValue))) return;
        foreach (var property in written) property.IsModified = true;
    }

    /// <summary>Whether the rows before were levelled on the calendar this save levels on; else every row is read and written (a new calendar moves every step's level instants).</summary>
    private static bool SameCalendar(CaseFile before, CaseFile file, WorkingCalendar? calendar) =>
        calendar is not null && before.CalendarId == file.CalendarId && before.CalendarVersion == file.CalendarVersion && file.CalendarVersion == calendar.Version;

    // Steps without clocks of their own (intake, lead steps) are in the case's level (as lists show them).
    private static LevelInstants CaseLevels(CaseFile file, WorkingCalendar? calendar) =>
        calendar is null ? LevelInstants.None : LevelInstants.Of(CaseClocks.ForCase(file, calendar));

    private static CaseRow NewCaseRow(CaseFile file, string instanceId) =>
        new() { Id = file.CaseId, InstanceId = instanceId, ProjectId = file.ProjectId, Matters = "", State = file.State, Agent = file.Agent };

    private static StepRow NewStepRow(StepRecord step, CaseFile file, string instanceId) => new()
    {
        Id = step.Id, CaseId = file.CaseId, InstanceId = instanceId, ProjectId = file.ProjectId, ActivityId = step.ActivityId,
        Kind = step.Kind, Department = step.Department, Title = step.Title, State = step.State,
    };

    private static CaseRow Project(CaseFile file, NodaTime.Instant updatedAt, CaseRow row)
    {
        // Rows numbered by the migration keep their number until the case file carries it (docs/domain.md, *Case numbers*).
        row.CaseNumber = file.CaseNumber ?? row.CaseNumber;
        row.QueryCode = file.QueryCode ?? row.QueryCode;
        row.Stage = file.Stage;
        row.Matters = string.Join(",", file.Matters);
        row.State = file.State;
        row.Agent = file.Agent;
        row.GreenChannel = file.GreenChannel;
        row.SubmittedAt = file.SubmittedAt;
        row.AcceptedAt = file.AcceptedAt;
        row.DeemedAccepted = file.DeemedAccepted;
        row.StatutoryDue = file.StatutoryDue;
        row.PromisedDue = file.PromisedDue;
        row.Suspended = file.Suspensions.Any(s => s.End is null);
        row.RepeatedReturns = file.RepeatedReturns.Count;
        row.OpenCommitments = file.Commitments.Count(c => c.IsOpen);
        row.CommitmentDue = file.Commitments.Where(c => c.IsOpen).Select(c => (NodaTime.Instant?)c.Due).Min();
        row.Decision = file.Result?.Decision;
        row.CertificateNumber = file.Result?.CertificateNumber;
        row.CalendarVersion = file.CalendarVersion;
        row.UpdatedAt = updatedAt;
        row.ProjectName = file.ProjectName;
        row.CalendarId = file.CalendarId;
        row.StatutoryLimit = file.StatutoryLimit;
        row.PromisedLimit = file.PromisedLimit;
        row.Suspensions = StoredSuspensions.Encode(file.Suspensions);
        row.MissingMaterials = file.Materials.Where(m => !m.Present).Select(m => m.Code).Distinct().Count();
        row.ClosedAt = file.ClosedAt();
        row.Owed = StoredOwed.Encode(file.Owed());
        row.Workflow = StoredWorkflow.Encode(file.Workflow);

        return row;
    }

    private static StepRow Project(StepRecord step, CaseFile file, WorkingCalendar? calendar, LevelInstants caseLevels, StepRow s)
    {
        s.Matter = step.MatterCode;
        s.Title = step.Title;
        s.Post = step.Post;
        s.Assignee = step.Assignee;
        s.State = step.State;
        s.GreenChannel = file.GreenChannel;
        s.CreatedAt = step.CreatedAt;
        s.StatutoryDue = step.StatutoryDue;
        s.PromisedDue = step.PromisedDue;
        s.CompletedAt = step.CompletedAt;
        s.Outcome = step.Outcome;
        s.Actor = step.Actor;
        s.BookmarkId = step.BookmarkId;
        s.Version = step.Version;
        s.SupplementRequests = step.SupplementRequests.Count;
        s.RepeatedReturns = file.RepeatedReturns.Count(r => r.StepId == step.Id);
        s.StatutoryLimit = step.StatutoryLimit;
        s.PromisedLimit = step.PromisedLimit;
        s.Suspensions = StoredSuspensions.Encode(step.Suspensions);
        // A step waiting for a supplement is counted as waiting, never as late: it has no level instants.
        s.SetLevels(step.State != StepState.Open || calendar is null ? LevelInstants.None
            : step.StatutoryLimit > 0 ? LevelInstants.Of(CaseClocks.ForStep(step, calendar)) : caseLevels);
        return s;
    }
}
