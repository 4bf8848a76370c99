namespace Workflow.Definitions.Appointments;

/// <summary>Where an appointment stands (docs/appointments.md, *States*); stored by name.</summary>
public enum AppointmentState
{
    /// <summary>Booked and not yet used: holds its place in the slot.</summary>
    Booked,
    /// <summary>Cancelled by its holder before the cut-off; its place went back to the slot.</summary>
    Cancelled,
    /// <summary>Its holder checked in at the hall (the queue side issued a ticket for it).</summary>
    CheckedIn,
    /// <summary>Not checked in by the end of its slot; counts towards a booking ban.</summary>
    NoShow,
}
