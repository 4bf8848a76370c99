namespace Workflow.Definitions.Messages;

// Appointments (docs/appointments.md), in a file of their own so the booking and queue sides append without colliding.
public static partial class RuleCodes
{
    /// <summary>No arguments: the ID-card number is required.</summary>
    public const string AppointmentIdNumberRequired = "appointment.idNumber.required";
    /// <summary>No arguments: not 17 digits and a digit or X.</summary>
    public const string AppointmentIdNumberFormat = "appointment.idNumber.format";
    /// <summary>No arguments: the birth date in the number is no date, before 1900, or in the future.</summary>
    public const string AppointmentIdNumberBirthDate = "appointment.idNumber.birthDate";
    /// <summary>No arguments: the check character does not match (GB 11643).</summary>
    public const string AppointmentIdNumberChecksum = "appointment.idNumber.checksum";
    /// <summary>No arguments: the name is required.</summary>
    public const string AppointmentNameRequired = "appointment.name.required";
    /// <summary>No arguments: not a mainland mobile number.</summary>
    public const string AppointmentMobileInvalid = "appointment.mobile.invalid";
    /// <summary>{0}: the hall code.</summary>
    public const string AppointmentHallUnknown = "appointment.hall.unknown";
    /// <summary>{0}: the category code.</summary>
    public const string AppointmentCategoryUnknown = "appointment.category.unknown";
    /// <summary>{0}: the hall's name; {1}: the category's name.</summary>
    public const string AppointmentCategoryNotServed = "appointment.category.notServed";
    /// <summary>{0}: the date; {1}: the holiday's name, or empty for a rest day.</summary>
    public const string AppointmentDayClosed = "appointment.day.closed";
    /// <summary>{0}: the requested start.</summary>
    public const string AppointmentSlotUnknown = "appointment.slot.unknown";
    /// <summary>No arguments: the slot has begun or is over.</summary>
    public const string AppointmentSlotPast = "appointment.slot.past";
    /// <summary>{0}: how many days ahead may be booked.</summary>
    public const string AppointmentSlotTooFar = "appointment.slot.tooFar";
    /// <summary>{0}: the slot's start (HH:mm); {1}: the capacity. A conflict (409).</summary>
    public const string AppointmentSlotFull = "appointment.slot.full";
    /// <summary>{0}: the category's name; {1}: the date. A conflict (409): one active appointment per identity, category and day.</summary>
    public const string AppointmentDuplicate = "appointment.duplicate";
    /// <summary>{0}: the no-shows counted; {1}: the period in days; {2}: the date and time the ban ends. A conflict (409).</summary>
    public const string AppointmentBanned = "appointment.banned";
    /// <summary>{0}: the cut-off in minutes. A conflict (409).</summary>
    public const string AppointmentCancelCutoff = "appointment.cancel.cutoff";
    /// <summary>{0}: the state the appointment is in. A conflict (409).</summary>
    public const string AppointmentStateConflict = "appointment.state.conflict";
    /// <summary>No arguments: the ID-card number is not the one the appointment was booked with.</summary>
    public const string AppointmentIdentityMismatch = "appointment.checkIn.identityMismatch";
    /// <summary>{0}: the hall's name; {1}: the category's name. No appointment of this identity today.</summary>
    public const string AppointmentCheckInNone = "appointment.checkIn.none";
    /// <summary>{0}: the time check-in opens (HH:mm). A conflict (409).</summary>
    public const string AppointmentCheckInEarly = "appointment.checkIn.early";
}

/// <summary>A thing with a Chinese and an English name (a hall, a category), shown by its name in the message's language.</summary>
public interface IBilingualName
{
    /// <summary>The Chinese name.</summary>
    string NameZh { get; }
    /// <summary>The English name.</summary>
    string NameEn { get; }
}
