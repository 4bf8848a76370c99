using NodaTime;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// 失信限制: an identity barred from booking from <see cref="From"/> until <see cref="Until"/> after too many no-shows
/// (<c>appt_bans</c>; <see cref="AppointmentRules.NoShowLimit"/> in <see cref="AppointmentRules.NoShowPeriodDays"/>).
/// </summary>
public sealed class AppointmentBan
{
    /// <summary>Assigned by the database.</summary>
    public long Id { get; set; }
    /// <summary>The <see cref="Appointment.IdentityHash"/> barred.</summary>
    public string IdentityHash { get; set; } = "";
    /// <summary>The masked name of the identity's last appointment, for the supervision page.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>How many no-shows led to the ban.</summary>
    public int NoShows { get; set; }
    /// <summary>When the ban began (the no-show that reached the limit was recorded).</summary>
    public Instant From { get; set; }
    /// <summary>When the identity may book again.</summary>
    public Instant Until { get; set; }
}
