using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Workflow.Engine.Calendar;

/// <summary>
/// Reads and writes the calendar JSON format (documented in docs/calendars.md). Reading validates everything and
/// throws <see cref="CalendarDataException"/> whose message starts with the source name (the file) and names the
/// date or field at fault.
/// </summary>
/// <example><code>
/// { "id": "cn-mainland", "version": "2026.1", "name": "...", "timeZone": "Asia/Shanghai",
///   "restDays": ["Saturday", "Sunday"],
///   "officeHours": { "default": ["09:00-12:00", "13:30-17:30"], "makeUpDay": ["09:00-12:00", "13:30-17:30"] },
///   "official": { "from": "2020-01-01", "to": "2026-12-31" },
///   "provisional": { "to": "2030-12-31", "rules": "cn-statutory-2024" },
///   "holidays": [ { "name": "春节", "from": "2025-01-28", "to": "2025-02-04" }, { "name": "元旦", "date": "2025-01-01" } ],
///   "makeUpDays": [ { "date": "2025-01-26", "name": "春节" } ] }
/// </code></example>
public static class WorkingCalendarJson
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Parses and validates a calendar.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">Where it came from (file path or resource name), for error messages.</param>
    /// <exception cref="CalendarDataException">Anything wrong, with the source and the date or field.</exception>
    public static WorkingCalendar Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CalendarDataException($"{source}: not valid JSON ({e.Message})", e);
        }
        if (root is not JsonObject obj)
            throw new CalendarDataException($"{source}: the calendar must be a JSON object.");
        try
        {
            return Read(obj, source);
        }
        catch (CalendarDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new CalendarDataException($"{source}: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new CalendarDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Reads a calendar file.</summary>
    /// <exception cref="CalendarDataException">The file cannot be read or is not a valid calendar.</exception>
    public static WorkingCalendar Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CalendarDataException($"{path}: cannot read ({e.Message})", e);
        }
        return Parse(text, path);
    }

    private static WorkingCalendar Read(JsonObject obj, string source)
    {
        var id = RequiredString(obj, "id", source);
        var version = obj["version"]?.GetValue<string>() ?? "1";
        var name = obj["name"]?.GetValue<string>();
        var zoneId = RequiredString(obj, "timeZone", source);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new CalendarDataException($"{source}: unknown time zone '{zoneId}' (use a tzdb id such as Asia/Shanghai).");

        var restDays = new HashSet<IsoDayOfWeek>();
        foreach (var node in obj["restDays"]?.AsArray() ?? [])
            restDays.Add(ParseDay(node!.GetValue<string>(), source));

        var hoursNode = obj["officeHours"] as JsonObject;
        var defaultHours = hoursNode?["default"] is JsonArray d ? ParseHours(d, source, "default") : OfficeHours.Standard;
        var weekly = new Dictionary<IsoDayOfWeek, OfficeHours>();
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
            weekly[day] = restDays.Contains(day) ? OfficeHours.None : defaultHours;
        OfficeHours? makeUp = null;
        foreach (var (key, value) in hoursNode ?? [])
        {
            if (key == "default")
                continue;
            if (key == "makeUpDay")
                makeUp = ParseHours(value as JsonArray ?? throw new CalendarDataException($"{source}: officeHours.makeUpDay must be an array."), source, key);
            else
                weekly[ParseDay(key, source)] = ParseHours(value as JsonArray ?? throw new CalendarDataException($"{source}: officeHours.{key} must be an array."), source, key);
        }

        var officialNode = obj["official"] as JsonObject ?? throw new CalendarDataException($"{source}: missing \"official\": {{ \"from\", \"to\" }}.");
        var official = new DateRange(ParseDate(officialNode["from"], source, "official.from"), ParseDate(officialNode["to"], source, "official.to"));

        var holidays = new List<Holiday>();
        foreach (var node in obj["holidays"]?.AsArray() ?? [])
        {
            var h = node as JsonObject ?? throw new CalendarDataException($"{source}: each holiday must be an object.");
            var hname = h["name"]?.GetValue<string>() ?? throw new CalendarDataException($"{source}: a holiday has no name.");
            var from = ParseDate(h["from"] ?? h["date"], source, $"holiday {hname}");
            var to = h["to"] is null ? from : ParseDate(h["to"], source, $"holiday {hname}");
            if (to < from)
                throw new CalendarDataException($"{source}: holiday {hname} ends on {to:yyyy-MM-dd}, before it starts on {from:yyyy-MM-dd}.");
            for (var date = from; date <= to; date = date.PlusDays(1))
            {
                if (!official.Contains(date))
                    throw new CalendarDataException($"{source}: holiday {hname} on {date:yyyy-MM-dd} is outside the official range {official}.");
                if (holidays.Any(x => x.Date == date))
                    throw new CalendarDataException($"{source}: {date:yyyy-MM-dd} is listed twice as a holiday (overlapping entries).");
                holidays.Add(new Holiday(date, hname));
            }
        }
        var makeUps = new List<MakeUpWorkingDay>();
        foreach (var node in obj["makeUpDays"]?.AsArray() ?? [])
        {
            var m = node as JsonObject ?? throw new CalendarDataException($"{source}: each make-up day must be an object.");
            var date = ParseDate(m["date"], source, "makeUpDays.date");
            if (!official.Contains(date))
                throw new CalendarDataException($"{source}: make-up working day {date:yyyy-MM-dd} is outside the official range {official}.");
            if (makeUps.Any(x => x.Date == date))
                throw new CalendarDataException($"{source}: make-up working day {date:yyyy-MM-dd} is listed twice.");
            makeUps.Add(new MakeUpWorkingDay(date, m["name"]?.GetValue<string>() ?? ""));
        }

        DateRange? provisional = null;
        if (obj["provisional"] is JsonObject p)
        {
            var end = ParseDate(p["to"], source, "provisional.to");
            if (end <= official.End)
                throw new CalendarDataException($"{source}: provisional.to {end:yyyy-MM-dd} is not after the official range {official}.");
            provisional = new DateRange(official.End.PlusDays(1), end);
            var rules = p["rules"]?.GetValue<string>();
            if (rules is not null)
            {
                if (rules != ChineseStatutoryHolidays.RuleSetName)
                    throw new CalendarDataException($"{source}: unknown provisional rules '{rules}' (known: {ChineseStatutoryHolidays.RuleSetName}).");
                if (official.End != new LocalDate(official.End.Year, 12, 31) || end != new LocalDate(end.Year, 12, 31))
                    throw new CalendarDataException($"{source}: provisional rules need the official and provisional ranges to end on December 31.");
                holidays.AddRange(ChineseStatutoryHolidays.Generate(official.End.Year + 1, end.Year, restDays));
            }
        }

        try
        {
            return new WorkingCalendar(id, version, zone, restDays, weekly, makeUp, holidays, makeUps, official, provisional, name,
                provisional is null ? null : (obj["provisional"]?["rules"]?.GetValue<string>()));
        }
        catch (CalendarDataException e)
        {
            throw new CalendarDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes a calendar as JSON. Holidays and make-up days of the official range are written (consecutive days
    /// of one holiday as one from/to entry); provisional days are not written but described by the calendar's
    /// <see cref="WorkingCalendar.ProvisionalRules"/> so that they are regenerated on load.
    /// </summary>
    public static string Write(WorkingCalendar calendar)
    {
        var provisionalRules = calendar.ProvisionalRules;
        var obj = new JsonObject
        {
            ["id"] = calendar.Id,
            ["version"] = calendar.Version,
            ["name"] = calendar.Name,
            ["timeZone"] = calendar.Zone.Id,
            ["restDays"] = new JsonArray(calendar.RestDays.Order().Select(d => (JsonNode)JsonValue.Create(d.ToString())!).ToArray()),
        };
        var hours = new JsonObject();
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
            if (calendar.WeekdayHours(day).Total > Duration.Zero)
                hours[day.ToString()] = HoursArray(calendar.WeekdayHours(day));
        if (calendar.MakeUpDayHours is { } m)
            hours["makeUpDay"] = HoursArray(m);
        obj["officeHours"] = hours;
        obj["official"] = new JsonObject { ["from"] = Format(calendar.OfficialRange.Start), ["to"] = Format(calendar.OfficialRange.End) };
        if (calendar.ProvisionalRange is { } p)
        {
            var prov = new JsonObject { ["to"] = Format(p.End) };
            if (provisionalRules is not null)
                prov["rules"] = provisionalRules;
            obj["provisional"] = prov;
        }
        var runs = new JsonArray();
        Holiday? first = null, last = null;
        foreach (var h in calendar.Holidays.Where(h => calendar.OfficialRange.Contains(h.Date)).Append(null))
        {
            if (h is not null && last is not null && h.Name == last.Name && h.Date == last.Date.PlusDays(1))
            {
                last = h;
                continue;
            }
            if (first is not null)
                runs.Add(first.Date == last!.Date
                    ? new JsonObject { ["name"] = first.Name, ["date"] = Format(first.Date) }
                    : new JsonObject { ["name"] = first.Name, ["from"] = Format(first.Date), ["to"] = Format(last.Date) });
            first = last = h;
        }
        obj["holidays"] = runs;
        obj["makeUpDays"] = new JsonArray(calendar.MakeUpDays.Where(x => calendar.OfficialRange.Contains(x.Date))
            .Select(x => (JsonNode)new JsonObject { ["date"] = Format(x.Date), ["name"] = x.Name }).ToArray());
        return obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonArray HoursArray(OfficeHours hours) =>
        new(hours.Periods.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray());

    private static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RequiredString(JsonObject obj, string name, string source) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new CalendarDataException($"{source}: missing or empty \"{name}\".");

    private static LocalDate ParseDate(JsonNode? node, string source, string what)
    {
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null)
            throw new CalendarDataException($"{source}: {what} needs a date (YYYY-MM-DD).");
        var result = DatePattern.Parse(text);
        return result.Success ? result.Value : throw new CalendarDataException($"{source}: {what}: '{text}' is not a date (YYYY-MM-DD).");
    }

    private static IsoDayOfWeek ParseDay(string text, string source) =>
        Enum.TryParse<IsoDayOfWeek>(text, ignoreCase: true, out var day) && day != IsoDayOfWeek.None && Enum.IsDefined(day)
            ? day
            : throw new CalendarDataException($"{source}: '{text}' is not a day of the week (Monday … Sunday).");

    private static OfficeHours ParseHours(JsonArray array, string source, string key)
    {
        try
        {
            return new OfficeHours(array.Select(n => OfficePeriod.Parse(n!.GetValue<string>())));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new CalendarDataException($"{source}: officeHours.{key}: {e.Message}", e);
        }
    }
}
