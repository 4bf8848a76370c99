namespace Workflow.Definitions.Appointments;

/// <summary>
/// The booking rules a deployment may change (setting section <c>Appointments:Rules</c>, docs/appointments.md,
/// *Configuration*). The defaults are those of the district's reply: three no-shows in 90 days bar booking for 30 days.
/// </summary>
public sealed class AppointmentRules
{
    /// <summary>How many days ahead a slot may be booked (today counts as day 0).</summary>
    public int BookingDays { get; set; } = 14;
    /// <summary>How long before its slot begins an appointment can still be cancelled.</summary>
    public int CancelCutoffMinutes { get; set; } = 60;
    /// <summary>How long before its slot begins its holder may check in (the queue side issues the ticket).</summary>
    public int CheckInEarlyMinutes { get; set; } = 60;
    /// <summary>How many no-shows within <see cref="NoShowPeriodDays"/> bar an identity from booking; 0 turns bans off.</summary>
    public int NoShowLimit { get; set; } = 3;
    /// <summary>The period no-shows are counted over, in days.</summary>
    public int NoShowPeriodDays { get; set; } = 90;
    /// <summary>How long a ban lasts, in days.</summary>
    public int BanDays { get; set; } = 30;
    /// <summary>How many appointments one identity may book in 24 hours (cancelled ones count); 0 turns the limit off.</summary>
    public int IdentityBookingsPerDay { get; set; } = 6;

    /// <summary>The supervision flags a client address that booked this many times in the period.</summary>
    public int FlagClientBookings { get; set; } = 10;
    /// <summary>The supervision flags an identity that booked this many times in the period.</summary>
    public int FlagIdentityBookings { get; set; } = 5;
    /// <summary>The supervision flags an identity or client that cancelled this many times in the period.</summary>
    public int FlagCancellations { get; set; } = 3;
    /// <summary>The supervision flags a place released and taken by someone else within this many minutes (a hand-over).</summary>
    public int FlagRetakeMinutes { get; set; } = 5;
}
