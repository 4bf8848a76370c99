using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;

namespace Workflow.Host.Web.Tracking;

/// <summary>An open step as inbox-like pages list it: the projected row, its case and record, and its clocks read now.</summary>
/// <param name="Row">The step's row.</param>
/// <param name="Case">The case file (null only if the instance vanished).</param>
/// <param name="Step">The step's record in the case file.</param>
/// <param name="Clocks">The step's own clocks, else the case's; null when neither counts yet.</param>
public sealed record InboxItem(StepRow Row, CaseFile? Case, StepRecord? Step, ClocksView? Clocks)
{
    /// <summary>Reads the case files of <paramref name="rows"/> (each once) and the clocks of each step at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<InboxItem>> LoadAsync(PermitService permits, IEnumerable<StepRow> rows, Instant now, CancellationToken ct)
    {
        var files = new Dictionary<string, CaseFile?>();
        var items = new List<InboxItem>();
        foreach (var row in rows)
        {
            if (!files.TryGetValue(row.CaseId, out var file))
                files[row.CaseId] = file = (await permits.GetCaseAsync(row.CaseId, ct))?.File;
            var step = file?.FindStep(row.Id);
            ClocksView? clocks = null;
            if (file is not null)
            {
                var calendar = permits.CalendarOf(file);
                clocks = step is not null && CaseClocks.ForStep(step, calendar) is { } own
                    ? ClocksView.Read(own, now, calendar.Zone)
                    : ClocksView.Read(CaseClocks.ForCase(file, calendar), now, calendar.Zone);
            }
            items.Add(new InboxItem(row, file, step, clocks));
        }
        return items;
    }
}
