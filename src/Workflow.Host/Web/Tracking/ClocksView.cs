using NodaTime;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Tracking;

/// <summary>The statutory and promised clocks of a step or case, read at one instant; null parts where there is no such clock.</summary>
public sealed record ClocksView(ClockView Statutory, ClockView? Promised)
{
    /// <summary>Reads <paramref name="clocks"/> at <paramref name="at"/>; null when there are no clocks (before acceptance, intake steps).</summary>
    public static ClocksView? Read(DeadlineClocks? clocks, Instant at, DateTimeZone zone) => clocks is null
        ? null
        : new ClocksView(
            new ClockView(Ui.T("法定时限", "Statutory"), clocks.Statutory.StatusAt(at), zone),
            clocks.Promised is { } p ? new ClockView(Ui.T("承诺时限", "Promised"), p.StatusAt(at), zone) : null);

    /// <summary>The more severe level of the two.</summary>
    public DeadlineLevel WorstLevel => Promised is { } p && p.Status.Level > Statutory.Status.Level ? p.Status.Level : Statutory.Status.Level;

    public bool IsSuspended => Statutory.Status.IsSuspended;

    public bool IsProvisional => Statutory.Status.IsProvisional || Promised?.Status.IsProvisional == true;
}
