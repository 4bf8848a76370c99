using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// Keeps <c>sup_timers</c> in step with the case file inside every save's transaction (docs/supervision.md, Timers):
/// a timer whose clock moved is moved, one whose clock stopped or whose step closed is removed, and a new clock's
/// timers are added — except those whose card has already fired, so no card fires twice.
/// </summary>
/// <remarks>
/// One command and no read (issue #16): the case's rows that are no longer wanted, or whose card fired, are deleted; the
/// wanted ones are upserted in one statement that skips fired cards and changes a stored row only when its instants
/// moved. Before, the projection read the case's timers and fired cards and EF sent every change as a statement of its
/// own on SQLite (a reviewer's approval: 2 reads and 4 deletes).
/// </remarks>
public sealed class CardTimerProjection(CalendarRegistry calendars, MatterCatalogue catalogue) : IWorkflowSaveParticipant
{
    /// <inheritdoc />
    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (SavedCaseFile.Of(context) is not { } file || calendars.Find(file.CalendarId) is not { } calendar) return;
        var wanted = CardTimers.Of(file, calendar, catalogue).ToList();
        var sql = new SaveStatements(context.DbContext.Provider);

        // Placeholders {0} … stand for the values that follow; an id list is never empty here.
        var ids = string.Join(", ", wanted.Select((_, i) => "{" + (i + 2) + "}"));
        sql.Add("DELETE FROM sup_timers WHERE case_id = {0} AND "
                + (wanted.Count == 0 ? "1 = 1" : $"(id NOT IN ({ids}) OR id IN (SELECT c.id FROM sup_cards c WHERE c.case_id = {{1}}))"),
            [file.CaseId, file.CaseId, .. wanted.Select(t => t.Id)]);
        if (wanted.Count > 0)
        {
            var rows = string.Join(", ", wanted.Select((_, i) => "(" + string.Join(", ", Enumerable.Range(9 * i, 9).Select(n => "{" + n + "}")) + ")"));
            // SQLite and PostgreSQL both name the columns of a VALUES list column1, column2 …; the WHERE also settles
            // SQLite's parsing ambiguity of an upsert from a SELECT.
            sql.Add($"""
                INSERT INTO sup_timers (id, case_id, step_id, subject, clock, level, department, fire_at, due_at)
                SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9 FROM (VALUES {rows}) AS v
                WHERE NOT EXISTS (SELECT 1 FROM sup_cards c WHERE c.id = v.column1)
                ON CONFLICT (id) DO UPDATE SET fire_at = excluded.fire_at, due_at = excluded.due_at
                WHERE sup_timers.fire_at <> excluded.fire_at OR sup_timers.due_at <> excluded.due_at
                """, [.. wanted.SelectMany(t => new object?[]
                {
                    t.Id, t.CaseId, t.StepId, t.Subject.ToString(), t.Clock.ToString(), t.Level.ToString(), t.Department, t.FireAt, t.DueAt,
                })]);
        }
        await sql.ExecuteAsync(context.DbContext, cancellationToken);
    }
}
