using NodaTime;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// 预约: one booked slot of a hall for one service category, bound to one person (<c>appt_appointments</c>,
/// docs/appointments.md). The person is kept only as a keyed hash of their ID-card number (<see cref="IdentityHash"/>)
/// and masked display values: the system can match the person who checks in, but cannot read the number back.
/// </summary>
public sealed class Appointment
{
    /// <summary>A random, unguessable id (32 hex digits): the appointment's number on the pages and in the API.</summary>
    public string Id { get; set; } = "";
    /// <summary>The <see cref="Hall.Code"/>.</summary>
    public string Hall { get; set; } = "";
    /// <summary>The <see cref="ServiceCategory.Code"/>.</summary>
    public string Category { get; set; } = "";
    /// <summary>The hall's local date of the slot (ISO <c>yyyy-MM-dd</c>); one active appointment per identity, category and day.</summary>
    public string Day { get; set; } = "";
    /// <summary>When the slot begins.</summary>
    public Instant SlotStart { get; set; }
    /// <summary>When the slot ends; an appointment not checked in by then becomes a <see cref="AppointmentState.NoShow"/>.</summary>
    public Instant SlotEnd { get; set; }
    /// <summary>HMAC-SHA-256 (hex) of the normalised ID-card number under the deployment's identity key (<see cref="Identity.IdentityHasher"/>).</summary>
    public string IdentityHash { get; set; } = "";
    /// <summary>The holder's name, masked (张*); never the full name.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>The holder's mobile number, masked (138****5678).</summary>
    public string Mobile { get; set; } = "";
    /// <summary>The user name of the signed-in agent who booked it; null for a public applicant.</summary>
    public string? Agent { get; set; }
    /// <summary>HMAC (hex) of the client address that booked it, for the supervision's patterns; null when unknown.</summary>
    public string? ClientHash { get; set; }
    /// <summary>Where the appointment stands.</summary>
    public AppointmentState State { get; set; }
    /// <summary>When it was booked.</summary>
    public Instant CreatedAt { get; set; }
    /// <summary>When it was cancelled; null unless <see cref="AppointmentState.Cancelled"/>.</summary>
    public Instant? CancelledAt { get; set; }
    /// <summary>When its holder checked in; null unless <see cref="AppointmentState.CheckedIn"/>.</summary>
    public Instant? CheckedInAt { get; set; }
    /// <summary>When it was recorded as a no-show (its slot's end); null unless <see cref="AppointmentState.NoShow"/>.</summary>
    public Instant? NoShowAt { get; set; }

    /// <summary>True while it holds its place or was used: Booked or CheckedIn (the states the one-per-day rule counts).</summary>
    public bool IsActive => State is AppointmentState.Booked or AppointmentState.CheckedIn;
}
