using System.Globalization;
using System.Text;
using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A legal time limit counted in working days (docs/calendars.md, The deadline rule), immutable: a start instant, a limit of
/// <see cref="Limit"/> working days, a <see cref="WorkingCalendar"/> and the <see cref="Suspensions"/> so far.
/// </summary>
/// <remarks>
/// <para>The clock counts working days as units: each working day <b>after the start day</b> contributes
/// (office time elapsed that day, outside suspensions) ÷ (office time of that day). The start day contributes
/// nothing (期间开始的当日不计入), whatever the hour of the start.</para>
/// <para><see cref="Due"/> is the earliest instant at which the count reaches the limit: without suspensions the
/// end of office hours of the N-th working day after the start day; a suspension adds back the working time it
/// held. Suspensions are half-open intervals; overlapping ones count once (the clock stops while at least one
/// holds it); a suspension on the start day or outside office hours moves nothing.</para>
/// <para>Remaining = limit − elapsed; the level is Overdue when remaining &lt; 0, Warning per
/// <see cref="DeadlineWarningPolicy"/>, else Normal. A clock whose start or due day is provisional is
/// <see cref="IsProvisional"/>; after an official schedule is imported, <see cref="WithCalendar"/> recomputes it.</para>
/// <para>Every computation is exact (rational day fractions) and uses the calendar's O(1) index for whole days.</para>
/// </remarks>
public sealed class DeadlineClock
{
    private readonly (Instant Start, Instant? End)[] _merged;

    /// <summary>Starts a clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="CalendarRangeException">The start day, or the due day, is outside the calendar's range.</exception>
    public DeadlineClock(WorkingCalendar calendar, Instant start, int limit, IEnumerable<Suspension>? suspensions = null, DeadlineWarningPolicy? policy = null)
    {
        if (limit < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A deadline needs at least 1 working day.");
        Calendar = calendar;
        Start = start;
        Limit = limit;
        Policy = policy ?? DeadlineWarningPolicy.Default;
        Suspensions = (suspensions ?? []).OrderBy(s => s.Start).ToArray();
        if (Suspensions.Count(s => s.IsOpen) > 1)
            throw new ArgumentException("A clock can have at most one open suspension.", nameof(suspensions));
        StartDay = start.InZone(calendar.Zone).Date;
        calendar.EnsureCovered(StartDay);
        CountingFrom = calendar.Zone.AtStartOfDay(StartDay.PlusDays(1)).ToInstant();
        _merged = Merge(Suspensions);
        Due = _merged.Any(m => m.End is null) ? null : ComputeDue(null);
    }

    /// <summary>The calendar counted on.</summary>
    public WorkingCalendar Calendar { get; }

    /// <summary>When the period started (e.g. acceptance of the application).</summary>
    public Instant Start { get; }

    /// <summary>The start instant's day in the calendar's zone; not counted.</summary>
    public LocalDate StartDay { get; }

    /// <summary>Midnight starting the day after <see cref="StartDay"/>: nothing before it counts.</summary>
    public Instant CountingFrom { get; }

    /// <summary>The limit in working days.</summary>
    public int Limit { get; }

    /// <summary>Warning thresholds.</summary>
    public DeadlineWarningPolicy Policy { get; }

    /// <summary>Suspensions in start order, as recorded (overlaps kept; they count once).</summary>
    public IReadOnlyList<Suspension> Suspensions { get; }

    /// <summary>True while an open suspension holds the clock.</summary>
    public bool IsSuspended => Suspensions.Any(s => s.IsOpen);

    /// <summary>The due instant (in UTC terms; show it in <see cref="WorkingCalendar.Zone"/>); null while suspended,
    /// because it depends on when the clock resumes — use <see cref="DueIfResumedAt"/>.</summary>
    public Instant? Due { get; }

    /// <summary>
    /// The earliest instant at which the level turns <see cref="DeadlineLevel.Warning"/> (the used working days reach
    /// <see cref="DeadlineWarningPolicy.WarningElapsed"/>); null while suspended, like <see cref="Due"/>. The yellow
    /// cards of supervision fire then (docs/supervision.md).
    /// </summary>
    public Instant? WarningFrom => _merged.Any(m => m.End is null) ? null : Reach(Policy.WarningElapsed(Limit), null);

    /// <summary>
    /// The earliest instant from which the level is <see cref="DeadlineLevel.Overdue"/> (the used working days exceed
    /// the limit): the first nanosecond of office time after <see cref="Due"/> — a clock due at the close of office is
    /// still Warning, with nothing left, until the next working day opens. Null while suspended, like <see cref="Due"/>.
    /// The supervisor's counts compare it with the reading instant in SQL (docs/supervision.md, "Counting at scale").
    /// </summary>
    /// <exception cref="CalendarRangeException">That instant falls after the calendar's range.</exception>
    public Instant? OverdueFrom => _merged.Any(m => m.End is null) ? null : Reach(Fraction.Whole(Limit) + OneNanosecondOfOfficeTime, null);

    // Less than one nanosecond of any day's office time (a day has fewer than 10^14 ns), so the instant that reaches
    // limit + this is the first nanosecond at which the used working days exceed the limit.
    private static readonly Fraction OneNanosecondOfOfficeTime = new(1, 1_000_000_000_000_000);

    /// <summary>The due instant in the calendar's zone; null while suspended.</summary>
    public ZonedDateTime? DueInZone => Due?.InZone(Calendar.Zone);

    /// <summary>True when the start day or the due day lies in the calendar's provisional range. While suspended
    /// the due day is unknown, so this is conservatively true whenever the calendar has a provisional range;
    /// <see cref="StatusAt"/> answers exactly for a given instant.</summary>
    public bool IsProvisional => Calendar.IsProvisional(StartDay) || (Due is { } due ? Calendar.IsProvisional(due.InZone(Calendar.Zone).Date) : Calendar.ProvisionalRange is not null);

    /// <summary>The due instant if the open suspension ended at <paramref name="resumeAt"/>; <see cref="Due"/> when not suspended.</summary>
    /// <exception cref="CalendarRangeException">The due day falls after the calendar's range.</exception>
    public Instant DueIfResumedAt(Instant resumeAt) => Due ?? ComputeDue(resumeAt);

    /// <summary>A copy with an open suspension from <paramref name="at"/>.</summary>
    /// <exception cref="InvalidOperationException">Already suspended.</exception>
    public DeadlineClock Suspend(Instant at, string? reason = null) =>
        IsSuspended
            ? throw new InvalidOperationException("The clock is already suspended; resume it first.")
            : With(Suspensions.Append(new Suspension(at, null, reason)));

    /// <summary>A copy with the open suspension closed at <paramref name="at"/>.</summary>
    /// <exception cref="InvalidOperationException">Not suspended.</exception>
    /// <exception cref="ArgumentException"><paramref name="at"/> is before the suspension's start.</exception>
    public DeadlineClock Resume(Instant at)
    {
        var open = Suspensions.FirstOrDefault(s => s.IsOpen) ?? throw new InvalidOperationException("The clock is not suspended.");
        return With(Suspensions.Select(s => ReferenceEquals(s, open) ? s.Close(at) : s));
    }

    /// <summary>
    /// The same clock counted on another version of the calendar (e.g. after an official schedule replaced the
    /// provisional dates). Compare <see cref="Due"/> before and after to audit the change.
    /// </summary>
    /// <exception cref="ArgumentException">The calendar has another id.</exception>
    public DeadlineClock WithCalendar(WorkingCalendar calendar) =>
        calendar.Id == Calendar.Id
            ? new DeadlineClock(calendar, Start, Limit, Suspensions, Policy)
            : throw new ArgumentException($"Clock counts on '{Calendar.Id}', not '{calendar.Id}'.", nameof(calendar));

    /// <summary>Working days used at <paramref name="now"/>: office time of working days after the start day up to
    /// <paramref name="now"/>, outside suspensions (an open one holds until <paramref name="now"/>), as day units.</summary>
    /// <exception cref="CalendarRangeException">A day concerned is outside the calendar's range.</exception>
    public WorkingDays ElapsedAt(Instant now) => new(ElapsedFraction(now).ToDouble());

    /// <summary>Limit − <see cref="ElapsedAt"/>; negative once overdue.</summary>
    public WorkingDays RemainingAt(Instant now) => new((Fraction.Whole(Limit) - ElapsedFraction(now)).ToDouble());

    /// <summary>The level at <paramref name="now"/>.</summary>
    public DeadlineLevel LevelAt(Instant now) => StatusAt(now).Level;

    /// <summary>Everything pages and supervision show, read at <paramref name="now"/>.</summary>
    public DeadlineStatus StatusAt(Instant now)
    {
        var elapsed = ElapsedFraction(now);
        var remaining = Fraction.Whole(Limit) - elapsed;
        var due = Due ?? ComputeDue(now);
        // Exact (fractions, not doubles), so that the level turns Warning at WarningFrom and Overdue at OverdueFrom to the nanosecond.
        var level = Policy.LevelFor(Limit, elapsed);
        var provisional = Calendar.IsProvisional(StartDay) || Calendar.IsProvisional(due.InZone(Calendar.Zone).Date);
        return new DeadlineStatus(now, new WorkingDays(elapsed.ToDouble()), new WorkingDays(remaining.ToDouble()), level, due, IsSuspended, provisional);
    }

    /// <summary><see cref="StatusAt"/> the clock's current instant.</summary>
    public DeadlineStatus StatusNow(IClock clock) => StatusAt(clock.GetCurrentInstant());

    /// <summary>A one-line human explanation of the due instant (English, with the counted days).</summary>
    public string Explain(Instant? now = null)
    {
        var due = Due ?? ComputeDue(now ?? Start);
        var zone = Calendar.Zone;
        var dueDay = due.InZone(zone).Date;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Limit} working day(s) on calendar '{Calendar.Id}' v{Calendar.Version} after {StartDay:yyyy-MM-dd} ({StartDay.DayOfWeek}; the start day is not counted)");
        var held = HeldWorkingDays(due);
        if (!held.IsZero)
            text.Append(CultureInfo.InvariantCulture, $"; suspensions held {held.ToDouble():0.###} working day(s)");
        if (IsSuspended)
            text.Append(CultureInfo.InvariantCulture, $"; suspended, due shown as if resumed at {(now ?? Start).InZone(zone):yyyy-MM-dd'T'HH:mm}");
        var counted = new List<string>();
        for (var d = Calendar.NextWorkingDay(StartDay); d <= dueDay && counted.Count <= 40; d = Calendar.NextWorkingDay(d))
            counted.Add(Calendar.MakeUpDayOn(d) is null ? d.ToString("MM-dd", CultureInfo.InvariantCulture) : d.ToString("MM-dd", CultureInfo.InvariantCulture) + " (make-up day)");
        text.Append(CultureInfo.InvariantCulture, $"; working days from the day after the start to the due day: {string.Join(", ", counted.Take(40))}{(counted.Count > 40 ? ", ..." : "")}");
        if (Calendar.IsProvisional(dueDay) || Calendar.IsProvisional(StartDay))
            text.Append(CultureInfo.InvariantCulture, $"; PROVISIONAL: touches days after the official range {Calendar.OfficialRange}");
        text.Append('.');
        return text.ToString();
    }

    private DeadlineClock With(IEnumerable<Suspension> suspensions) => new(Calendar, Start, Limit, suspensions, Policy);

    private Fraction ElapsedFraction(Instant now)
    {
        if (now <= CountingFrom)
            return Fraction.Zero;
        var total = WorkingDayFractions.Between(Calendar, CountingFrom, now);
        foreach (var (start, end) in _merged)
        {
            var a = start > CountingFrom ? start : CountingFrom;
            var b = end is { } e && e < now ? e : now;
            total -= WorkingDayFractions.Between(Calendar, a, b);
        }
        return total;
    }

    private Fraction HeldWorkingDays(Instant until)
    {
        var held = Fraction.Zero;
        foreach (var (start, end) in _merged)
        {
            var a = start > CountingFrom ? start : CountingFrom;
            var b = end is { } e && e < until ? e : until;
            held += WorkingDayFractions.Between(Calendar, a, b);
        }
        return held;
    }

    // Walks from one suspension to the next, jumping over whole working days with the calendar's index.
    private Instant ComputeDue(Instant? openEndsAt) => Reach(Fraction.Whole(Limit), openEndsAt);

    // The instant at which the used working days reach need.
    private Instant Reach(Fraction need, Instant? openEndsAt)
    {
        if (need.IsZero) return Start;
        var cursor = CountingFrom;
        foreach (var (start, end) in _merged)
        {
            var stop = end ?? openEndsAt ?? throw new InvalidOperationException("Suspended clock: the due instant depends on the resume instant.");
            if (stop <= cursor)
                continue;
            if (start > cursor)
            {
                var available = WorkingDayFractions.Between(Calendar, cursor, start);
                if (available >= need)
                    return WorkingDayFractions.Advance(Calendar, cursor, need);
                need -= available;
            }
            cursor = stop;
        }
        return WorkingDayFractions.Advance(Calendar, cursor, need);
    }

    private static (Instant Start, Instant? End)[] Merge(IEnumerable<Suspension> suspensions)
    {
        var merged = new List<(Instant Start, Instant? End)>();
        foreach (var s in suspensions.OrderBy(s => s.Start))
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.End is null)
                    continue; // an open suspension already holds everything after its start
                if (s.Start <= last.End.Value)
                {
                    merged[^1] = (last.Start, s.End is null ? null : s.End > last.End ? s.End : last.End);
                    continue;
                }
            }
            merged.Add((s.Start, s.End));
        }
        return merged.ToArray();
    }
}
