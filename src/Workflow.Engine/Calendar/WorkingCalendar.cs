using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A working-day calendar of one jurisdiction, as immutable data: weekly rest days, public holidays (with
/// names), make-up working days (rest days that are worked, 调休上班), office hours per weekday, the time zone,
/// and the days it covers: an <see cref="OfficialRange"/> (announced schedules) optionally followed by a
/// <see cref="ProvisionalRange"/> (computed from the statutory rules, docs/calendars.md, Provisional extension).
/// </summary>
/// <remarks>
/// <para>A day is a working day when it is a make-up working day, or when it is neither a weekly rest day nor a
/// holiday. A make-up day has <see cref="MakeUpDayHours"/>, or Monday's hours when none are declared.</para>
/// <para>Every question about a day outside <see cref="Covered"/> throws <see cref="CalendarRangeException"/>
/// naming the day and the range: the calendar never guesses.</para>
/// <para>Arithmetic uses an index built once: a prefix count of working days over the covered range and the
/// ordered list of working days, so <see cref="AddWorkingDays"/>, <see cref="CountWorkingDays"/> and
/// <see cref="NextWorkingDay"/> are O(1).</para>
/// </remarks>
public sealed class WorkingCalendar
{
    private readonly Dictionary<LocalDate, Holiday> _holidays;
    private readonly Dictionary<LocalDate, MakeUpWorkingDay> _makeUpDays;
    private readonly OfficeHours[] _hoursByIsoDay; // index 1..7
    private readonly LocalDate _origin;
    // _prefix[i] = working days in [origin, origin + i); length = days + 1.
    private readonly int[] _prefix;
    // Offsets from origin of every working day, ascending.
    private readonly int[] _workingOffsets;

    /// <summary>Builds and validates a calendar.</summary>
    /// <exception cref="CalendarDataException">A date is both a holiday and a make-up day, a make-up day is not a
    /// weekly rest day, a holiday or make-up day lies outside the covered range, the provisional range does not
    /// start the day after the official range, or a working weekday has no office hours.</exception>
    public WorkingCalendar(
        string id,
        string version,
        DateTimeZone zone,
        IEnumerable<IsoDayOfWeek> restDays,
        IReadOnlyDictionary<IsoDayOfWeek, OfficeHours> weeklyHours,
        OfficeHours? makeUpDayHours,
        IEnumerable<Holiday> holidays,
        IEnumerable<MakeUpWorkingDay> makeUpDays,
        DateRange officialRange,
        DateRange? provisionalRange = null,
        string? name = null,
        string? provisionalRules = null)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new CalendarDataException("A calendar needs an id.");
        Id = id;
        Version = version;
        Name = name ?? id;
        Zone = zone;
        RestDays = restDays.ToHashSet();
        OfficialRange = officialRange;
        if (provisionalRange is not null && provisionalRange.Start != officialRange.End.PlusDays(1))
            throw new CalendarDataException($"Calendar '{id}': the provisional range {provisionalRange} must start the day after the official range {officialRange} ends.");
        ProvisionalRange = provisionalRange;
        ProvisionalRules = provisionalRange is null ? null : provisionalRules;
        Covered = new DateRange(officialRange.Start, provisionalRange?.End ?? officialRange.End);
        MakeUpDayHours = makeUpDayHours;

        _hoursByIsoDay = new OfficeHours[8];
        for (var d = IsoDayOfWeek.Monday; d <= IsoDayOfWeek.Sunday; d++)
        {
            _hoursByIsoDay[(int)d] = weeklyHours.TryGetValue(d, out var h) ? h : OfficeHours.None;
            if (!RestDays.Contains(d) && _hoursByIsoDay[(int)d].Total == Duration.Zero)
                throw new CalendarDataException($"Calendar '{id}': {d} is a working weekday but has no office hours.");
        }

        _holidays = new Dictionary<LocalDate, Holiday>();
        foreach (var h in holidays)
        {
            if (!Covered.Contains(h.Date))
                throw new CalendarDataException($"Calendar '{id}': holiday {h.Name} on {h.Date:yyyy-MM-dd} is outside the covered range {Covered}.");
            if (_holidays.TryGetValue(h.Date, out var other) && other.Name != h.Name)
                throw new CalendarDataException($"Calendar '{id}': {h.Date:yyyy-MM-dd} is listed as two holidays, {other.Name} and {h.Name}.");
            _holidays[h.Date] = h;
        }
        _makeUpDays = new Dictionary<LocalDate, MakeUpWorkingDay>();
        foreach (var m in makeUpDays)
        {
            if (!Covered.Contains(m.Date))
                throw new CalendarDataException($"Calendar '{id}': make-up working day {m.Date:yyyy-MM-dd} is outside the covered range {Covered}.");
            if (_holidays.TryGetValue(m.Date, out var h))
                throw new CalendarDataException($"Calendar '{id}': {m.Date:yyyy-MM-dd} is both a holiday ({h.Name}) and a make-up working day.");
            if (!RestDays.Contains(m.Date.DayOfWeek))
                throw new CalendarDataException($"Calendar '{id}': make-up working day {m.Date:yyyy-MM-dd} is a {m.Date.DayOfWeek}, which is already a working weekday.");
            _makeUpDays[m.Date] = m;
        }
        if (_makeUpDays.Count > 0 && (makeUpDayHours ?? _hoursByIsoDay[(int)IsoDayOfWeek.Monday]).Total == Duration.Zero)
            throw new CalendarDataException($"Calendar '{id}': make-up working days (first {_makeUpDays.Keys.Min():yyyy-MM-dd}) would have no office hours; declare makeUpDay hours or Monday's.");
        Holidays = _holidays.Values.OrderBy(h => h.Date).ToArray();
        MakeUpDays = _makeUpDays.Values.OrderBy(m => m.Date).ToArray();

        _origin = Covered.Start;
        var length = Covered.Length;
        _prefix = new int[length + 1];
        var offsets = new List<int>(length * 5 / 7 + 8);
        var date = _origin;
        for (var i = 0; i < length; i++, date = date.PlusDays(1))
        {
            var working = ComputeIsWorkingDay(date);
            _prefix[i + 1] = _prefix[i] + (working ? 1 : 0);
            if (working)
                offsets.Add(i);
        }
        _workingOffsets = offsets.ToArray();
    }

    /// <summary>Stable id, e.g. <c>cn-mainland</c>.</summary>
    public string Id { get; }

    /// <summary>Version of the data (changes when a schedule is imported).</summary>
    public string Version { get; }

    /// <summary>Human name.</summary>
    public string Name { get; }

    /// <summary>The tzdb zone in which days and office hours are reckoned.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Weekly rest days (usually Saturday and Sunday).</summary>
    public IReadOnlySet<IsoDayOfWeek> RestDays { get; }

    /// <summary>Hours of a make-up working day when declared; null means Monday's hours.</summary>
    public OfficeHours? MakeUpDayHours { get; }

    /// <summary>Every holiday day, in date order.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>Every make-up working day, in date order.</summary>
    public IReadOnlyList<MakeUpWorkingDay> MakeUpDays { get; }

    /// <summary>Days whose schedule was announced (inclusive).</summary>
    public DateRange OfficialRange { get; }

    /// <summary>Days computed from the statutory rules, right after <see cref="OfficialRange"/>; null when none.</summary>
    public DateRange? ProvisionalRange { get; }

    /// <summary>Name of the rule set that generated the provisional days (e.g. <c>cn-statutory-2024</c>), kept so
    /// that a saved calendar regenerates them; null when there is no provisional range or it was given by hand.</summary>
    public string? ProvisionalRules { get; }

    /// <summary>All days the calendar answers for: official then provisional.</summary>
    public DateRange Covered { get; }

    /// <summary>Office hours declared for a weekday (whether or not a given date of that weekday is worked).</summary>
    public OfficeHours WeekdayHours(IsoDayOfWeek day) => _hoursByIsoDay[(int)day];

    /// <summary>True when <paramref name="date"/> is in <see cref="Covered"/>.</summary>
    public bool Covers(LocalDate date) => Covered.Contains(date);

    /// <summary>Throws unless <paramref name="date"/> is covered.</summary>
    /// <exception cref="CalendarRangeException">The date is outside <see cref="Covered"/>.</exception>
    public void EnsureCovered(LocalDate date)
    {
        if (!Covered.Contains(date))
            throw new CalendarRangeException(Id, date, Covered);
    }

    /// <summary>True when the day is worked: a make-up day, or neither a rest day nor a holiday.</summary>
    /// <exception cref="CalendarRangeException">The date is outside <see cref="Covered"/>.</exception>
    public bool IsWorkingDay(LocalDate date)
    {
        var i = Offset(date);
        return _prefix[i + 1] != _prefix[i];
    }

    /// <summary>True when the day lies in the <see cref="ProvisionalRange"/> (its status is computed, not announced).</summary>
    /// <exception cref="CalendarRangeException">The date is outside <see cref="Covered"/>.</exception>
    public bool IsProvisional(LocalDate date)
    {
        EnsureCovered(date);
        return ProvisionalRange?.Contains(date) == true;
    }

    /// <summary>The holiday on that day, or null.</summary>
    /// <exception cref="CalendarRangeException">The date is outside <see cref="Covered"/>.</exception>
    public Holiday? HolidayOn(LocalDate date)
    {
        EnsureCovered(date);
        return _holidays.GetValueOrDefault(date);
    }

    /// <summary>The make-up working day on that day, or null.</summary>
    /// <exception cref="CalendarRangeException">The date is outside <see cref="Covered"/>.</exception>
    public MakeUpWorkingDay? MakeUpDayOn(LocalDate date)
    {
        EnsureCovered(date);
        return _makeUpDays.GetValueOrDefault(date);
    }

    /// <summary>The office hours of that day: <see cref="OfficeHours.None"/> on a day that is not worked; the make-up
    /// hours (or Monday's) on a make-up day; the weekday's hours otherwise.</summary>
    /// <exception cref="CalendarRangeException">The date is outside <see cref="Covered"/>.</exception>
    public OfficeHours OfficeHoursOn(LocalDate date)
    {
        if (!IsWorkingDay(date))
            return OfficeHours.None;
        return _makeUpDays.ContainsKey(date)
            ? MakeUpDayHours ?? _hoursByIsoDay[(int)IsoDayOfWeek.Monday]
            : _hoursByIsoDay[(int)date.DayOfWeek];
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    /// <exception cref="CalendarRangeException">The date is not covered, or no working day follows it inside the range.</exception>
    public LocalDate NextWorkingDay(LocalDate date) => AddWorkingDays(date, 1);

    /// <summary>
    /// The <paramref name="days"/>-th working day strictly after <paramref name="date"/>: the date itself is not
    /// counted (期间开始的当日不计入), whether or not it is a working day. <c>days = 0</c> returns
    /// <paramref name="date"/> unchanged. O(1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    /// <exception cref="CalendarRangeException">The date is not covered, or the result would fall after the covered range.</exception>
    public LocalDate AddWorkingDays(LocalDate date, int days)
    {
        if (days < 0)
            throw new ArgumentOutOfRangeException(nameof(days), days, "The number of working days must be 0 or more.");
        var i = Offset(date);
        if (days == 0)
            return date;
        var k = _prefix[i + 1] + days - 1; // index into the ordered working days
        if (k >= _workingOffsets.Length)
            throw new CalendarRangeException(Id, Covered.End.PlusDays(1), Covered);
        return _origin.PlusDays(_workingOffsets[k]);
    }

    /// <summary>
    /// Number of working days in the half-open interval (<paramref name="from"/>, <paramref name="to"/>]:
    /// <paramref name="from"/> is not counted, <paramref name="to"/> is (the same convention as
    /// <see cref="AddWorkingDays"/>, so <c>CountWorkingDays(d, AddWorkingDays(d, n)) == n</c>). When
    /// <paramref name="to"/> is before <paramref name="from"/> the result is the negated count of
    /// (<paramref name="to"/>, <paramref name="from"/>]. O(1).
    /// </summary>
    /// <exception cref="CalendarRangeException">Either date is not covered.</exception>
    public int CountWorkingDays(LocalDate from, LocalDate to) => _prefix[Offset(to) + 1] - _prefix[Offset(from) + 1];

    /// <summary>
    /// Office time on working days in the half-open interval [<paramref name="from"/>, <paramref name="to"/>),
    /// reckoned in <see cref="Zone"/>; zero when <paramref name="to"/> ≤ <paramref name="from"/>. Non-working
    /// days contribute nothing. This sums durations day by day (O(days)); deadline clocks, which count working
    /// days as units whatever their length, use the O(1) index instead (<see cref="DeadlineClock"/>).
    /// </summary>
    /// <exception cref="CalendarRangeException">A day concerned is not covered.</exception>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        if (to <= from)
            return Duration.Zero;
        var a = from.InZone(Zone).LocalDateTime;
        var b = to.InZone(Zone).LocalDateTime;
        if (a.Date == b.Date)
            return OfficeHoursOn(a.Date).Between(a.TimeOfDay, b.TimeOfDay);
        var sum = OfficeHoursOn(a.Date).Between(a.TimeOfDay, LocalTime.MaxValue) + OfficeHoursOn(b.Date).Between(LocalTime.Midnight, b.TimeOfDay);
        for (var d = a.Date.PlusDays(1); d < b.Date; d = d.PlusDays(1))
            sum += OfficeHoursOn(d).Total;
        return sum;
    }

    /// <summary>The instant the office closes on a working day (end of its last period).</summary>
    /// <exception cref="ArgumentException">The day is not a working day.</exception>
    /// <exception cref="CalendarRangeException">The date is not covered.</exception>
    public Instant CloseOfOffice(LocalDate workingDay)
    {
        var hours = OfficeHoursOn(workingDay);
        if (hours.Total == Duration.Zero)
            throw new ArgumentException($"{workingDay:yyyy-MM-dd} is not a working day in calendar '{Id}'.", nameof(workingDay));
        return At(workingDay, hours.Close);
    }

    /// <summary>The instant of a local day and time in <see cref="Zone"/> (leniently across offset changes).</summary>
    public Instant At(LocalDate date, LocalTime time) => date.At(time).InZoneLeniently(Zone).ToInstant();

    /// <summary>
    /// A new calendar in which the days of <paramref name="years"/> follow an announced schedule: every holiday and
    /// make-up day previously in those days (provisional or not) is replaced by <paramref name="holidays"/> and
    /// <paramref name="makeUpDays"/>, and those days become official. The official range grows to include
    /// <paramref name="years"/>; the provisional range, if any, starts after it (or disappears).
    /// </summary>
    /// <exception cref="CalendarDataException">The years would leave a gap after the official range, or an
    /// imported day lies outside <paramref name="years"/>, or the data conflict.</exception>
    public WorkingCalendar WithOfficialSchedule(DateRange years, IEnumerable<Holiday> holidays, IEnumerable<MakeUpWorkingDay> makeUpDays, string version)
    {
        if (years.Start > OfficialRange.End.PlusDays(1) || years.End < OfficialRange.Start.PlusDays(-1))
            throw new CalendarDataException($"Calendar '{Id}': importing {years} would leave a gap next to the official range {OfficialRange}.");
        var newHolidays = holidays.ToArray();
        var newMakeUps = makeUpDays.ToArray();
        foreach (var d in newHolidays.Select(h => h.Date).Concat(newMakeUps.Select(m => m.Date)))
            if (!years.Contains(d))
                throw new CalendarDataException($"Calendar '{Id}': imported date {d:yyyy-MM-dd} is outside the imported years {years}.");
        var official = new DateRange(
            years.Start < OfficialRange.Start ? years.Start : OfficialRange.Start,
            years.End > OfficialRange.End ? years.End : OfficialRange.End);
        DateRange? provisional = ProvisionalRange is { } p && p.End > official.End ? new DateRange(official.End.PlusDays(1), p.End) : null;
        return new WorkingCalendar(
            Id, version, Zone, RestDays, Enumerable.Range(1, 7).Select(i => (IsoDayOfWeek)i).ToDictionary(d => d, WeekdayHours), MakeUpDayHours,
            Holidays.Where(h => !years.Contains(h.Date)).Concat(newHolidays),
            MakeUpDays.Where(m => !years.Contains(m.Date)).Concat(newMakeUps),
            official, provisional, Name, ProvisionalRules);
    }

    private bool ComputeIsWorkingDay(LocalDate date) =>
        _makeUpDays.ContainsKey(date) || (!RestDays.Contains(date.DayOfWeek) && !_holidays.ContainsKey(date));

    private int Offset(LocalDate date)
    {
        EnsureCovered(date);
        return Period.DaysBetween(_origin, date);
    }

    /// <summary>Id and version.</summary>
    public override string ToString() => $"{Id} v{Version} ({Covered})";
}
