using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Supervision;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;
using IcalCalendar = Ical.Net.Calendar;

namespace Workflow.Definitions.Feeds;

/// <summary>
/// One upcoming due instant of a feed: the clock (<see cref="Clock"/>) of a case, step or commitment (<see cref="Subject"/>,
/// <see cref="StepId"/> for a step) of <see cref="CaseId"/> (numbered <see cref="CaseNumber"/>, the number people read out), recorded against <see cref="Department"/>, due at <see cref="Due"/>;
/// <see cref="Title"/> says what it is. <see cref="Uid"/> is stable across refreshes (the clock's identity), so a calendar
/// updates the event instead of adding one.
/// </summary>
public sealed record DeadlineEntry(string Uid, string CaseId, string? CaseNumber, string? StepId, CardSubject Subject, CardClock Clock, string Department, string Title, Instant Due);

/// <summary>
/// A deadline calendar feed (docs/ledger-and-feeds.md, Deadline calendar feeds): the upcoming due instants of one agent's
/// open cases or of one department, read from the pending red-card timers (<c>sup_timers</c>: every running clock of
/// every case, step and waived-material commitment, moved by every save, none for a clock that stands still), written
/// as iCalendar with Ical.Net.
/// </summary>
public sealed class DeadlineFeed(IDbContextFactory<WorkflowDbContext> contexts, MatterCatalogue catalogue)
{
    /// <summary>The due instants after <paramref name="now"/> of <paramref name="scope"/> <paramref name="owner"/>, soonest first.</summary>
    public async Task<IReadOnlyList<DeadlineEntry>> EntriesAsync(FeedScope scope, string owner, Instant now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timers = db.Set<DeadlineTimerRow>().AsNoTracking().Where(t => t.Level == DeadlineLevel.Overdue && t.DueAt > now);
        timers = scope == FeedScope.Agent
            ? timers.Where(t => db.Set<CaseRow>().Any(c => c.Id == t.CaseId && c.Agent == owner))
            : timers.Where(t => t.Department == owner);
        var rows = await (from t in timers
                          join c in db.Set<CaseRow>().AsNoTracking() on t.CaseId equals c.Id
                          from s in db.Set<StepRow>().AsNoTracking().Where(s => s.Id == t.StepId).DefaultIfEmpty()
                          orderby t.DueAt, t.Id
                          select new { Timer = t, c.ProjectName, c.CaseNumber, StepTitle = s == null ? null : s.Title })
            .Take(1000).ToListAsync(cancellationToken);
        return rows.Select(r => new DeadlineEntry(r.Timer.Id, r.Timer.CaseId, r.CaseNumber, r.Timer.Subject == CardSubject.Step ? r.Timer.StepId : null, r.Timer.Subject,
            r.Timer.Clock, r.Timer.Department, TitleOf(r.Timer, r.ProjectName, r.StepTitle), r.Timer.DueAt)).ToList();
    }

    /// <summary>
    /// The feed as iCalendar text: one VEVENT per due instant (a point in time, UTC), its summary the case number and then
    /// what is due in Chinese and English, its URL the case page under <paramref name="baseUrl"/>.
    /// </summary>
    public static string Write(string name, IReadOnlyList<DeadlineEntry> entries, Instant stamp, string baseUrl)
    {
        var ics = new IcalCalendar { ProductId = "-//Workflow//Deadline feed//ZH", Scale = "GREGORIAN" };
        ics.AddProperty("X-WR-CALNAME", name);
        ics.AddProperty("X-PUBLISHED-TTL", "PT1H");
        var dtstamp = new CalDateTime(stamp.ToDateTimeUtc(), "UTC");
        foreach (var e in entries)
        {
            var (zh, en) = e.Clock switch
            {
                CardClock.Promised => ("承诺时限到期", "promised limit due"),
                CardClock.Statutory => ("法定时限到期", "statutory limit due"),
                _ => ("容缺承诺到期", "commitment due"),
            };
            var start = new CalDateTime(e.Due.ToDateTimeUtc(), "UTC");
            var number = e.CaseNumber ?? e.CaseId; // cases filed before numbering existed were numbered by the migration; the id is a fallback
            var ev = new CalendarEvent
            {
                Uid = e.Uid + "@workflow",
                DtStamp = dtstamp,
                Start = start,
                End = start,
                Summary = $"[{number}] {zh}：{e.Title} / {en}: {e.Title}",
                Description = $"办件编号 Case number {number} · {e.Department}",
                Url = new Uri($"{baseUrl.TrimEnd('/')}/cases/{Uri.EscapeDataString(e.CaseId)}"),
                Transparency = "TRANSPARENT",
                Categories = [e.Clock.ToString().ToUpperInvariant()],
            };
            ev.AddProperty("X-WORKFLOW-CASE", e.CaseId);
            ics.Events.Add(ev);
        }
        return new CalendarSerializer().SerializeToString(ics) ?? "";
    }

    private string TitleOf(DeadlineTimerRow timer, string projectName, string? stepTitle) => timer.Subject switch
    {
        CardSubject.Step => stepTitle ?? timer.StepId ?? "",
        CardSubject.Commitment => $"{projectName} · {timer.StepId}",
        _ => $"{projectName} · {catalogue.FindDepartment(timer.Department)?.Name ?? timer.Department}",
    };

    /// <summary>The feed's name, e.g. 办理时限 · agent1.</summary>
    public static string NameOf(FeedScope scope, string owner) =>
        string.Create(CultureInfo.InvariantCulture, $"办理时限 Deadlines · {(scope == FeedScope.Agent ? "" : "部门 ")}{owner}");
}
