using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>One deadline clock (statutory 法定 or promised 承诺) read at one instant, as the API shows it.</summary>
/// <param name="Limit">The limit in working days.</param>
/// <param name="Due">The due instant; while the clock stands still, the due instant if it ran again now.</param>
/// <param name="RemainingWorkingDays">Limit − elapsed, one decimal; negative once overdue.</param>
/// <param name="RemainingText">"还剩 2.5 个工作日" or "超期 1.0 个工作日".</param>
/// <param name="Level">Normal, Warning or Overdue.</param>
/// <param name="Provisional">The start or due day lies in the calendar's provisional range (holidays not announced yet).</param>
/// <param name="Suspended">The clock stands still now (补正, special procedure).</param>
public sealed record ClockView(int Limit, Instant Due, double RemainingWorkingDays, string RemainingText, DeadlineLevel Level, bool Provisional, bool Suspended)
{
    /// <summary>The clock read at <paramref name="at"/>.</summary>
    public static ClockView Of(DeadlineClock clock, Instant at)
    {
        var status = clock.StatusAt(at);
        return new ClockView(clock.Limit, status.Due, Math.Round(status.Remaining.Value, 1, MidpointRounding.AwayFromZero),
            status.Remaining.ToRemainingText(), status.Level, status.IsProvisional, status.IsSuspended);
    }
}
