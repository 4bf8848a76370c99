using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>A deadline clock read at one instant.</summary>
/// <param name="At">The instant read.</param>
/// <param name="Elapsed">Working days used so far (fractional).</param>
/// <param name="Remaining">Limit − elapsed; negative when overdue.</param>
/// <param name="Level">Normal, Warning or Overdue.</param>
/// <param name="Due">The due instant; while suspended, the due instant if the clock were resumed at <paramref name="At"/>.</param>
/// <param name="IsSuspended">An open suspension holds the clock.</param>
/// <param name="IsProvisional">The start or due day lies in the calendar's provisional range (docs/calendars.md, Provisional extension).</param>
public sealed record DeadlineStatus(Instant At, WorkingDays Elapsed, WorkingDays Remaining, DeadlineLevel Level, Instant Due, bool IsSuspended, bool IsProvisional);
