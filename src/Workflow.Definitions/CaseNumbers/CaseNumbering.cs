using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.CaseNumbers;

/// <summary>
/// Gives a case its <see cref="CaseNumber"/> and <see cref="QueryCodes">query code</see> in the transaction that files it:
/// before the new instance is written, the counter row of the filing's year and stage (<c>permit_case_counters</c>) is
/// bumped with one upsert and the number is stamped into the case file, so the number commits with the case or not at
/// all. Concurrent filings queue on the counter row (PostgreSQL's row lock; SQLite's one writer), so numbers never
/// collide and leave no gaps. A case filed before numbers existed gets the number the migration gave its row (or a new one)
/// on its next save (docs/domain.md, *Case numbers*).
/// </summary>
public sealed class CaseNumbering(CalendarRegistry calendars) : IWorkflowSaveParticipant
{
    // The case file's JSON names (CaseFileJson: camelCase) of CaseFile.CaseNumber and CaseFile.QueryCode.
    private const string NumberKey = "caseNumber";
    private const string CodeKey = "queryCode";

    /// <inheritdoc />
    public Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPreparingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        // A designer's test run is no case and takes no number (docs/studio.md).
        if (context.Instance.IsTest || context.Instance.Variables[CaseFile.VariableName] is not JsonObject node) return;
        if (node[NumberKey] is not null && node[CodeKey] is not null) return;

        var file = CaseFileJson.FromNode(node)!;
        var db = context.DbContext;
        var number = file.CaseNumber;
        var code = file.QueryCode;
        if (number is null && context.Kind == WorkflowSaveKind.Update)
        {
            var row = await db.Set<CaseRow>().AsNoTracking().Where(c => c.Id == file.CaseId)
                .Select(c => new { c.CaseNumber, c.QueryCode }).FirstOrDefaultAsync(cancellationToken);
            (number, code) = (row?.CaseNumber, code ?? row?.QueryCode);
        }
        number ??= await DrawAsync(db, file, cancellationToken);
        node[NumberKey] = number;
        node[CodeKey] = code ?? QueryCodes.New();
    }

    private async Task<string> DrawAsync(WorkflowDbContext db, CaseFile file, CancellationToken cancellationToken)
    {
        var year = file.SubmittedAt.InZone(calendars.Get(file.CalendarId).Zone).Year;
        var stage = CaseNumber.StageDigit(file.Stage);
        // One statement on both providers: the first filing of a year and stage inserts the row, later ones bump it.
        var sequence = await db.Database.SqlQuery<long>($"""
            INSERT INTO permit_case_counters (year, stage, last_number) VALUES ({year}, {stage}, 1)
            ON CONFLICT (year, stage) DO UPDATE SET last_number = permit_case_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken);
        return CaseNumber.Format(year, file.Stage, sequence.Single());
    }
}
