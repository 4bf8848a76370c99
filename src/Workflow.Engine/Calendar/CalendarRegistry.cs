using System.Collections.Immutable;

namespace Workflow.Engine.Calendar;

/// <summary>
/// The calendars known to the application, by id. Thread-safe; calendars are immutable, so a reader always sees a
/// whole version. Adding a calendar with an existing id replaces it (a user calendar overrides a shipped one).
/// Importing an official schedule replaces the provisional dates of those years and raises <see cref="Changed"/>,
/// so that the owner of open clocks can recompute each (<see cref="Recompute(DeadlineClock)"/>) and audit the change (docs/calendars.md, Provisional extension).
/// </summary>
public sealed class CalendarRegistry
{
    private ImmutableDictionary<string, WorkingCalendar> _calendars;

    /// <summary>A registry of <paramref name="calendars"/>; a later one with the same id wins.</summary>
    public CalendarRegistry(IEnumerable<WorkingCalendar> calendars)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, WorkingCalendar>(StringComparer.Ordinal);
        foreach (var c in calendars)
            builder[c.Id] = c;
        _calendars = builder.ToImmutable();
    }

    /// <summary>Raised after a calendar is replaced (new version); carries the previous and the current version.</summary>
    public event EventHandler<CalendarChangedEventArgs>? Changed;

    /// <summary>The known ids, sorted.</summary>
    public IReadOnlyList<string> Ids => _calendars.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The calendar with that id.</summary>
    /// <exception cref="UnknownCalendarException">No such id; the message lists the known ones.</exception>
    public WorkingCalendar Get(string id) =>
        _calendars.TryGetValue(id, out var c) ? c : throw new UnknownCalendarException(id, _calendars.Keys);

    /// <summary>The calendar with that id, or null.</summary>
    public WorkingCalendar? Find(string id) => _calendars.GetValueOrDefault(id);

    /// <summary>Adds or replaces a calendar; raises <see cref="Changed"/> when one with the same id was replaced.</summary>
    public void AddOrReplace(WorkingCalendar calendar)
    {
        WorkingCalendar? previous;
        ImmutableDictionary<string, WorkingCalendar> before, after;
        do
        {
            before = _calendars;
            previous = before.GetValueOrDefault(calendar.Id);
            after = before.SetItem(calendar.Id, calendar);
        }
        while (Interlocked.CompareExchange(ref _calendars, after, before) != before);
        if (previous is not null)
            Changed?.Invoke(this, new CalendarChangedEventArgs(previous, calendar));
    }

    /// <summary>
    /// Imports an announced schedule into calendar <paramref name="id"/> (see
    /// <see cref="WorkingCalendar.WithOfficialSchedule"/>): the days of the schedule's whole years are replaced, those
    /// years become official, and <see cref="Changed"/> is raised.
    /// </summary>
    /// <exception cref="UnknownCalendarException">No such id.</exception>
    /// <exception cref="CalendarDataException">The schedule is empty, leaves a gap, or conflicts.</exception>
    public WorkingCalendar ImportOfficialSchedule(string id, IcsSchedule schedule, string version)
    {
        var years = schedule.Years ?? throw new CalendarDataException($"Calendar '{id}': the imported schedule has no days.");
        WorkingCalendar previous, current;
        do
        {
            previous = Get(id);
            current = previous.WithOfficialSchedule(years, schedule.Holidays, schedule.MakeUpDays, version);
        }
        while (!ImmutableInterlocked.TryUpdate(ref _calendars, id, current, previous));
        Changed?.Invoke(this, new CalendarChangedEventArgs(previous, current));
        return current;
    }

    /// <summary>The clock counted on the registry's current version of its calendar (unchanged id).</summary>
    /// <exception cref="UnknownCalendarException">The clock's calendar is no longer known.</exception>
    public DeadlineClock Recompute(DeadlineClock clock) => clock.WithCalendar(Get(clock.Calendar.Id));

    /// <summary>Both clocks counted on the current version of their calendar.</summary>
    public DeadlineClocks Recompute(DeadlineClocks clocks) => clocks.WithCalendar(Get(clocks.Statutory.Calendar.Id));
}
