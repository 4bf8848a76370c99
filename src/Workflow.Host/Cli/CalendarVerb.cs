using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Calendars;
using Workflow.Engine.Calendar;

namespace Workflow.Host.Cli;

/// <summary>
/// <c>calendar days|add-working-days|due|import-ics|export-ics</c> (docs/cli.md). Calendars are the shipped
/// ones overridden by the user calendars folder (<c>--calendars DIR</c>, else <c>$WORKFLOW_CALENDARS</c>, else
/// <c>./calendars</c>). Exit 2 with one line on stderr for an unknown calendar id, a date outside the calendar's
/// range (naming the range) and bad arguments; exit 1 when a file read is not valid calendar data.
/// </summary>
public sealed class CalendarVerb : ICliVerb
{
    private const string Usage =
        "usage: calendar days --calendar ID --from DATE --to DATE | add-working-days --calendar ID --date DATE --days N | " +
        "due --calendar ID --start INSTANT --working-days N [--suspend FROM/TO]... | import-ics FILE --id ID [--base ID] | " +
        "export-ics --calendar ID   (all take [--calendars DIR])";

    public string Name => "calendar";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Count == 0)
                throw new BadArgumentsException(Usage);
            var options = Options.Parse(args.Skip(1).ToArray());
            return args[0] switch
            {
                "days" => await Days(options, stdout),
                "add-working-days" => await AddWorkingDays(options, stdout),
                "due" => await Due(options, stdout),
                "import-ics" => await ImportIcs(options, stdout),
                "export-ics" => await ExportIcs(options, stdout),
                _ => throw new BadArgumentsException($"unknown calendar command '{args[0]}'. {Usage}"),
            };
        }
        catch (BadArgumentsException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (UnknownCalendarException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (CalendarRangeException e)
        {
            await stderr.WriteLineAsync($"error: {e.OneLine}");
            return 2;
        }
        catch (CalendarDataException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> Days(Options o, TextWriter stdout)
    {
        var calendar = o.Registry().Get(o.Required("--calendar"));
        var from = o.Date("--from");
        var to = o.Date("--to");
        if (to < from)
            throw new BadArgumentsException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}.");
        calendar.EnsureCovered(from);
        calendar.EnsureCovered(to);
        for (var d = from; d <= to; d = d.PlusDays(1))
            await stdout.WriteLineAsync($"{d:yyyy-MM-dd} {(calendar.IsWorkingDay(d) ? "W" : "R")}{(calendar.IsProvisional(d) ? "?" : "")}");
        return 0;
    }

    private static async Task<int> AddWorkingDays(Options o, TextWriter stdout)
    {
        var calendar = o.Registry().Get(o.Required("--calendar"));
        var date = o.Date("--date");
        var days = o.Int("--days");
        if (days < 0)
            throw new BadArgumentsException($"--days must be 0 or more, not {days}.");
        await stdout.WriteLineAsync(calendar.AddWorkingDays(date, days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<int> Due(Options o, TextWriter stdout)
    {
        var calendar = o.Registry().Get(o.Required("--calendar"));
        var start = ParseInstant(o.Required("--start"), calendar.Zone, "--start");
        var n = o.Int("--working-days");
        if (n < 1)
            throw new BadArgumentsException($"--working-days must be 1 or more, not {n}.");
        var suspensions = o.All("--suspend").Select(s => ParseSuspension(s, calendar.Zone)).ToArray();
        var clock = new DeadlineClock(calendar, start, n, suspensions);
        await stdout.WriteLineAsync(FormatInstant(clock.Due!.Value, calendar.Zone));
        await stdout.WriteLineAsync(clock.Explain());
        return 0;
    }

    private static async Task<int> ImportIcs(Options o, TextWriter stdout)
    {
        var file = o.Positional.Count == 1 ? o.Positional[0] : throw new BadArgumentsException("import-ics needs exactly one FILE.");
        var id = o.Required("--id");
        if (id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new BadArgumentsException($"--id '{id}' may only contain letters, digits, '-', '_' and '.'.");
        if (!File.Exists(file))
            throw new BadArgumentsException($"file '{file}' does not exist.");
        var registry = o.Registry();
        var baseId = o.Value("--base");
        var text = await File.ReadAllTextAsync(file);
        var schedule = IcsCalendarFormat.Read(text, file);
        var years = schedule.Years ?? throw new CalendarDataException($"{file}: no all-day events.");
        // The version names the imported content, not the wall clock, so that importing the same file twice is idempotent.
        var version = "ics-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
        WorkingCalendar imported;
        var baseCalendar = registry.Get(baseId ?? (registry.Find(id) is not null ? id : "weekdays"));
        if (registry.Find(id) is { } existing && baseCalendar.Id == id)
            // Importing a year's official schedule into the calendar itself: those years replace their provisional days.
            imported = existing.WithOfficialSchedule(years, schedule.Holidays, schedule.MakeUpDays, version);
        else
            imported = new WorkingCalendar(id, version, baseCalendar.Zone, baseCalendar.RestDays,
                Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, baseCalendar.WeekdayHours),
                baseCalendar.MakeUpDayHours, schedule.Holidays, schedule.MakeUpDays, years, null, $"{id} (imported from {Path.GetFileName(file)})");
        var folder = o.Folder();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, id + ".json");
        await File.WriteAllTextAsync(path, WorkingCalendarJson.Write(imported));
        await stdout.WriteLineAsync($"{path}: calendar '{id}' {imported.OfficialRange}, {schedule.Holidays.Count} holiday day(s), {schedule.MakeUpDays.Count} make-up working day(s)");
        return 0;
    }

    private static async Task<int> ExportIcs(Options o, TextWriter stdout)
    {
        var calendar = o.Registry().Get(o.Required("--calendar"));
        await stdout.WriteAsync(IcsCalendarFormat.Write(calendar));
        return 0;
    }

    /// <summary>ISO 8601 in the zone with offset; seconds only when not zero (<c>2025-10-10T17:30+08:00</c>, as in docs/calendars.md, The deadline rule).</summary>
    internal static string FormatInstant(Instant instant, DateTimeZone zone)
    {
        var z = instant.InZone(zone).ToOffsetDateTime();
        var pattern = z.Second == 0 && z.NanosecondOfSecond == 0 ? "uuuu-MM-dd'T'HH:mmo<+HH:mm>" : "uuuu-MM-dd'T'HH:mm:ss;FFFFFFFFFo<+HH:mm>";
        return OffsetDateTimePattern.CreateWithInvariantCulture(pattern).Format(z);
    }

    /// <summary>An ISO 8601 instant with offset or Z; without offset it is read in the calendar's zone.</summary>
    private static Instant ParseInstant(string text, DateTimeZone zone, string what)
    {
        foreach (var p in new[] { "uuuu-MM-dd'T'HH:mm:ss;FFFFFFFFFo<G>", "uuuu-MM-dd'T'HH:mmo<G>" })
        {
            var withOffset = OffsetDateTimePattern.CreateWithInvariantCulture(p).Parse(text);
            if (withOffset.Success)
                return withOffset.Value.ToInstant();
        }
        foreach (var p in new[] { "uuuu-MM-dd'T'HH:mm:ss;FFFFFFFFF", "uuuu-MM-dd'T'HH:mm" })
        {
            var local = LocalDateTimePattern.CreateWithInvariantCulture(p).Parse(text);
            if (local.Success)
                return local.Value.InZoneLeniently(zone).ToInstant();
        }
        throw new BadArgumentsException($"{what} '{text}' is not an ISO 8601 instant such as 2025-09-26T10:00+08:00.");
    }

    /// <summary>FROM/TO; TO may be a bare time (HH:mm), meaning FROM's day.</summary>
    private static Suspension ParseSuspension(string text, DateTimeZone zone)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
            throw new BadArgumentsException($"--suspend '{text}' is not FROM/TO.");
        var from = ParseInstant(text[..slash], zone, "--suspend FROM");
        var toText = text[(slash + 1)..];
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(toText);
        var to = time.Success
            ? from.InZone(zone).Date.At(time.Value).InZoneLeniently(zone).ToInstant()
            : ParseInstant(toText, zone, "--suspend TO");
        if (to < from)
            throw new BadArgumentsException($"--suspend '{text}' ends before it starts.");
        return new Suspension(from, to);
    }

    private sealed class BadArgumentsException(string message) : Exception(message);

    private sealed class Options
    {
        private static readonly HashSet<string> Known = ["--calendar", "--from", "--to", "--date", "--days", "--start", "--working-days", "--suspend", "--id", "--base", "--calendars"];
        private readonly List<(string Name, string Value)> _values = [];

        public List<string> Positional { get; } = [];

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    o.Positional.Add(args[i]);
                    continue;
                }
                var (name, value) = args[i].Contains('=') ? (args[i][..args[i].IndexOf('=')], args[i][(args[i].IndexOf('=') + 1)..]) : (args[i], null as string);
                if (!Known.Contains(name))
                    throw new BadArgumentsException($"unknown option '{name}'.");
                if (value is null)
                {
                    if (i + 1 >= args.Length)
                        throw new BadArgumentsException($"{name} needs a value.");
                    value = args[++i];
                }
                o._values.Add((name, value));
            }
            return o;
        }

        public string? Value(string name)
        {
            var all = All(name).ToArray();
            return all.Length switch
            {
                0 => null,
                1 => all[0],
                _ => throw new BadArgumentsException($"{name} given more than once."),
            };
        }

        public IEnumerable<string> All(string name) => _values.Where(v => v.Name == name).Select(v => v.Value);

        public string Required(string name) => Value(name) ?? throw new BadArgumentsException($"missing {name}.");

        public LocalDate Date(string name)
        {
            var text = Required(name);
            var r = LocalDatePattern.Iso.Parse(text);
            return r.Success ? r.Value : throw new BadArgumentsException($"{name} '{text}' is not a date (YYYY-MM-DD).");
        }

        public int Int(string name)
        {
            var text = Required(name);
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new BadArgumentsException($"{name} '{text}' is not a whole number.");
        }

        public string Folder() => ShippedCalendars.UserFolder(Value("--calendars"));

        public CalendarRegistry Registry() => ShippedCalendars.CreateRegistry(Folder());
    }
}
