using System.Reflection;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Calendars;

/// <summary>
/// The calendars shipped with the product as embedded JSON resources (<c>cn-mainland</c>, <c>weekdays</c>), and
/// the user calendars folder that overrides them by id.
/// </summary>
/// <remarks>
/// The user folder defaults to <c>./calendars</c> under the working directory; the environment variable
/// <c>WORKFLOW_CALENDARS</c> or an explicit path overrides it. Every <c>*.json</c> in it is loaded; a file with
/// the id of a shipped calendar replaces that calendar. A missing folder is not an error.
/// </remarks>
public static class ShippedCalendars
{
    /// <summary>Environment variable naming the user calendars folder.</summary>
    public const string FolderVariable = "WORKFLOW_CALENDARS";

    private const string ResourcePrefix = "Workflow.Definitions.Calendars.";

    /// <summary>The user calendars folder: <paramref name="explicitPath"/>, else <c>$WORKFLOW_CALENDARS</c>, else <c>./calendars</c>.</summary>
    public static string UserFolder(string? explicitPath = null) =>
        Path.GetFullPath(explicitPath ?? Environment.GetEnvironmentVariable(FolderVariable) ?? Path.Combine(Directory.GetCurrentDirectory(), "calendars"));

    /// <summary>The shipped calendars, parsed and validated.</summary>
    /// <exception cref="CalendarDataException">Shipped data are broken (a build defect; tests guard it).</exception>
    public static IReadOnlyList<WorkingCalendar> LoadAll()
    {
        var assembly = typeof(ShippedCalendars).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => WorkingCalendarJson.Parse(ReadResource(assembly, n), n[ResourcePrefix.Length..]))
            .ToArray();
    }

    /// <summary>The raw JSON of a shipped calendar (e.g. to copy it as a starting point).</summary>
    /// <exception cref="UnknownCalendarException">No shipped calendar has that id.</exception>
    public static string Json(string id)
    {
        var assembly = typeof(ShippedCalendars).Assembly;
        var name = ResourcePrefix + id + ".json";
        return assembly.GetManifestResourceNames().Contains(name)
            ? ReadResource(assembly, name)
            : throw new UnknownCalendarException(id, assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Select(n => n[ResourcePrefix.Length..^5]));
    }

    /// <summary>The calendars of a folder (every <c>*.json</c>); empty when the folder does not exist.</summary>
    /// <exception cref="CalendarDataException">A file is not a valid calendar (the message names the file and the date).</exception>
    public static IReadOnlyList<WorkingCalendar> LoadFolder(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(WorkingCalendarJson.Load).ToArray()
            : [];

    /// <summary>A registry of the shipped calendars overridden by those of the user folder.</summary>
    /// <exception cref="CalendarDataException">A user calendar file is invalid.</exception>
    public static CalendarRegistry CreateRegistry(string? userFolder = null) =>
        new(LoadAll().Concat(LoadFolder(UserFolder(userFolder))));

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
