using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Messages;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments.Slots;

/// <summary>
/// Cuts a hall's days into slots (docs/appointments.md, *Slots*): only on the working days of the hall's calendar — none on
/// statutory holidays and rest days, the usual slots on make-up working days (调休) — each opening period cut into
/// <see cref="Hall.SlotMinutes"/> pieces, with the places left of <see cref="Hall.Capacity"/>. Days of a provisional
/// calendar year are offered but marked as such.
/// </summary>
public sealed class SlotPlanner(IDbContextFactory<WorkflowDbContext> contexts, HallClock clock, AppointmentRules rules)
{
    /// <summary>The slots of <paramref name="hall"/> on <paramref name="date"/>, with places left.</summary>
    /// <exception cref="PermitRuleViolation">The calendar does not cover the date (field <c>date</c>, <see cref="RuleCodes.CalendarYearUncovered"/>).</exception>
    public async Task<SlotDay> DayAsync(Hall hall, LocalDate date, CancellationToken cancellationToken = default) =>
        (await DaysAsync(hall, [date], cancellationToken))[0];

    /// <summary>The bookable days of <paramref name="hall"/>: today and the next <see cref="AppointmentRules.BookingDays"/> days the calendar covers.</summary>
    public Task<IReadOnlyList<SlotDay>> BookableDaysAsync(Hall hall, CancellationToken cancellationToken = default)
    {
        var calendar = clock.CalendarOf(hall);
        var today = clock.Today(hall);
        var dates = Enumerable.Range(0, rules.BookingDays + 1).Select(today.PlusDays).Where(calendar.Covers).ToList();
        return DaysAsync(hall, dates, cancellationToken);
    }

    /// <summary>The slots of <paramref name="hall"/> on each of <paramref name="dates"/>, with places left (one query for the counters).</summary>
    /// <exception cref="PermitRuleViolation">The calendar does not cover a date (field <c>date</c>).</exception>
    public async Task<IReadOnlyList<SlotDay>> DaysAsync(Hall hall, IReadOnlyList<LocalDate> dates, CancellationToken cancellationToken = default)
    {
        var calendar = clock.CalendarOf(hall);
        foreach (var date in dates)
            if (!calendar.Covers(date)) throw PermitRuleViolation.For("date", RuleCodes.CalendarYearUncovered, date.Year.ToString(CultureInfo.InvariantCulture));
        var days = dates.Select(d => Plan(hall, calendar, d)).ToList();
        var starts = days.SelectMany(d => d.Slots).Select(s => InstantToUnixNanosecondsConverter.ToUnixNanoseconds(s.Start)).ToList();
        var taken = new Dictionary<long, int>();
        if (starts.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var (first, last) = (starts.Min(), starts.Max());
            var rows = await db.Database.SqlQuery<SlotCount>($"SELECT slot_start AS \"Start\", booked AS \"Booked\" FROM appt_slot_counts WHERE hall = {hall.Code} AND slot_start BETWEEN {first} AND {last}")
                .ToListAsync(cancellationToken);
            taken = rows.ToDictionary(r => r.Start, r => r.Booked);
        }
        var now = clock.Now;
        return days.Select(d => d with
        {
            Slots = d.Slots.Select(s => s with
            {
                Booked = taken.GetValueOrDefault(InstantToUnixNanosecondsConverter.ToUnixNanoseconds(s.Start)),
                IsPast = s.Start <= now,
            }).ToList(),
        }).ToList();
    }

    /// <summary>The day's slots without their counters; none when the day is not worked.</summary>
    public static SlotDay Plan(Hall hall, WorkingCalendar calendar, LocalDate date)
    {
        var working = calendar.IsWorkingDay(date);
        var slots = new List<Slot>();
        if (working)
        {
            var length = Period.FromMinutes(hall.SlotMinutes);
            foreach (var period in hall.Periods())
                for (var start = period.Start; start + length <= period.End && start < start + length; start += length)
                    slots.Add(new Slot(start, start + length, calendar.At(date, start), calendar.At(date, start + length), hall.Capacity));
        }
        return new SlotDay(date, working, calendar.HolidayOn(date)?.Name, calendar.MakeUpDayOn(date)?.Name, calendar.IsProvisional(date), slots);
    }

    private sealed record SlotCount(long Start, int Booked);
}

/// <summary>One day of a hall: whether it is worked and why not, whether the calendar year is provisional, and its slots.</summary>
/// <param name="Date">The hall's local date.</param>
/// <param name="IsWorkingDay">False on rest days and holidays: no slots.</param>
/// <param name="Holiday">The statutory holiday's name on a holiday (国庆节), else null.</param>
/// <param name="MakeUpDay">The make-up working day's name (国庆节调休) on a 调休 day, else null.</param>
/// <param name="IsProvisional">True when the day's status is computed, not yet announced (docs/calendars.md).</param>
/// <param name="Slots">The slots in time order.</param>
public sealed record SlotDay(LocalDate Date, bool IsWorkingDay, string? Holiday, string? MakeUpDay, bool IsProvisional, IReadOnlyList<Slot> Slots)
{
    /// <summary>The slot beginning at <paramref name="start"/>, or null.</summary>
    public Slot? At(LocalTime start) => Slots.FirstOrDefault(s => s.From == start);
}

/// <summary>A slot: local start and end, the instants, the capacity and the places taken.</summary>
/// <param name="From">Local start time.</param>
/// <param name="To">Local end time.</param>
/// <param name="Start">The start instant.</param>
/// <param name="End">The end instant.</param>
/// <param name="Capacity">The hall's capacity per slot.</param>
/// <param name="Booked">Places taken (booked or used; cancellations give theirs back).</param>
/// <param name="IsPast">True when the slot has begun: it can no longer be booked.</param>
public sealed record Slot(LocalTime From, LocalTime To, Instant Start, Instant End, int Capacity, int Booked = 0, bool IsPast = false)
{
    /// <summary>Places left.</summary>
    public int Remaining => Math.Max(0, Capacity - Booked);
}
