using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// An audited change of a due instant made by a new calendar version (e.g. the official schedule of a year that was
/// provisional replaced the computed holidays): docs/calendars.md, Provisional extension. <see cref="StepId"/> is null for the case's own clocks.
/// </summary>
public sealed record ClockChange(Instant At, string CalendarVersion, string? StepId, Instant? StatutoryDueBefore, Instant? StatutoryDueAfter, Instant? PromisedDueBefore, Instant? PromisedDueAfter);
