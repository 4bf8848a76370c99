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
        if (context.Instance.IsTest) return;
        var file = CaseFileJson.FromNode(context.Instance.Variables[CaseFile.VariableName]);
        if (file is null) return;
        var db = context.DbContext;

        var row = await db.Set<CaseRow>().FindAsync([file.CaseId], cancellationToken);
        if (row is null)
        {
            row = new CaseRow { Id = file.CaseId, InstanceId = context.Instance.Id, ProjectId = file.ProjectId, Matters = "", State = file.State, Agent = file.Agent };
            db.Add(row);
        }
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
        row.StatutoryDue = file.StatutoryDue;
        row.PromisedDue = file.PromisedDue;
        row.Suspended = file.Suspensions.Any(s => s.End is null);
        row.RepeatedReturns = file.RepeatedReturns.Count;
        row.OpenCommitments = file.Commitments.Count(c => c.IsOpen);
        row.CommitmentDue = file.Commitments.Where(c => c.IsOpen).Select(c => (NodaTime.Instant?)c.Due).Min();
        row.Decision = file.Result?.Decision;
        row.CertificateNumber = file.Result?.CertificateNumber;
        row.CalendarVersion = file.CalendarVersion;
        row.UpdatedAt = context.Instance.UpdatedAt;
        row.ProjectName = file.ProjectName;
        row.CalendarId = file.CalendarId;
        row.StatutoryLimit = file.StatutoryLimit;
        row.PromisedLimit = file.PromisedLimit;
        row.Suspensions = StoredSuspensions.Encode(file.Suspensions);
        row.MissingMaterials = file.Materials.Where(m => !m.Present).Select(m => m.Code).Distinct().Count();
        row.ClosedAt = file.ClosedAt();
        row.Owed = StoredOwed.Encode(file.Owed());
        row.Workflow = StoredWorkflow.Encode(file.Workflow);

        // Steps without clocks of their own (intake, lead steps) are in the case's level (as lists show them).
        var calendar = calendars.Find(file.CalendarId);
        var caseLevels = calendar is null ? LevelInstants.None : LevelInstants.Of(CaseClocks.ForCase(file, calendar));
        var existing = await db.Set<StepRow>().Where(s => s.CaseId == file.CaseId).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var step in file.Steps)
        {
            if (!existing.TryGetValue(step.Id, out var s))
            {
                s = new StepRow
                {
                    Id = step.Id, CaseId = file.CaseId, InstanceId = context.Instance.Id, ProjectId = file.ProjectId, ActivityId = step.ActivityId,
                    Kind = step.Kind, Department = step.Department, Title = step.Title, State = step.State,
                };
                db.Add(s);
            }
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
        }

        // The supervisor's per-department counters, from the step rows staged above (docs/supervision.md, "Counting at scale").
        await OpenStepCounts.RecordAsync(db, file.CaseId, cancellationToken);
    }
}
