namespace Workflow.Engine.Calendar;

/// <summary>A calendar id that no registry knows. The message lists the known ids.</summary>
public sealed class UnknownCalendarException(string id, IEnumerable<string> known)
    : KeyNotFoundException($"Unknown calendar '{id}'. Known calendars: {string.Join(", ", known.Order(StringComparer.Ordinal))}.")
{
    /// <summary>The id asked for.</summary>
    public string Id { get; } = id;
}
