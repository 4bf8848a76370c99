using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Clocks;

/// <summary>
/// Keeps the open clocks on the current calendar: after an official schedule replaces provisional dates, every open
/// case computed on an older calendar version gets its due instants recomputed, and each move is audited
/// (docs/calendars.md, Provisional extension).
/// </summary>
public sealed class ClockRecompute(MatterCatalogue catalogue, CalendarRegistry calendars, CaseFiles cases, IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>
    /// Imports an announced official schedule (an .ics text) into a calendar, replacing its provisional dates, and
    /// recomputes every open clock on it.
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
            var open = CaseStates.Open.ToArray();
            ids = await db.Set<CaseRow>().AsNoTracking().Where(c => open.Contains(c.State) && (c.CalendarVersion == null || c.CalendarVersion != current))
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var moved = 0;
        foreach (var id in ids)
        {
            var changes = 0;
            await cases.ChangeAsync(id, (file, _, now) =>
            {
                var calendar = cases.CalendarOf(file);
                if (file.CalendarVersion == calendar.Version) return false;
                changes = CaseClocks.RecomputeAndAudit(file, calendar, now);
                return true;
            }, cancellationToken);
            moved += changes;
        }
        return moved;
    }
}
