using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>Both clocks of a case or a step; <see cref="Promised"/> is null when no promised limit applies.</summary>
/// <param name="Statutory">The statutory clock (法定时限).</param>
/// <param name="Promised">The promised clock (承诺时限), shorter for green-channel projects.</param>
/// <param name="Suspended">The clocks stand still now.</param>
/// <param name="Level">The more severe level of the two.</param>
public sealed record ClocksView(ClockView Statutory, ClockView? Promised, bool Suspended, DeadlineLevel Level)
{
    /// <summary>The clocks read at <paramref name="at"/>; null when there are none (before acceptance, intake steps).</summary>
    public static ClocksView? Of(DeadlineClocks? clocks, Instant at)
    {
        if (clocks is null) return null;
        var statutory = ClockView.Of(clocks.Statutory, at);
        var promised = clocks.Promised is { } p ? ClockView.Of(p, at) : null;
        var level = promised is not null && promised.Level > statutory.Level ? promised.Level : statutory.Level;
        return new ClocksView(statutory, promised, clocks.IsSuspended, level);
    }
}
