using NodaTime;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// One queue ticket (排队号) in <c>queue_tickets</c>: issued at check-in of an appointment or at a walk-in kiosk, called
/// at a window, and ended as served, no-show or (still waiting) at the end of the day (docs/queueing.md).
/// </summary>
public sealed class QueueTicketRow
{
    /// <summary>The row id; it also orders tickets by issue (ties of the calling order).</summary>
    public long Id { get; set; }
    /// <summary>The local day the ticket is valid for, <c>yyyy-MM-dd</c> in the jurisdiction's zone.</summary>
    public string Day { get; set; } = "";
    /// <summary>The number shown and called, the category's prefix and the day's sequence, e.g. <c>A023</c>; unique a day across every hall.</summary>
    public string Number { get; set; } = "";
    /// <summary>The code printed on the ticket that, with the number, lets its holder follow the position (no sign-in).</summary>
    public string Code { get; set; } = "";
    /// <summary>The hall's code.</summary>
    public string Hall { get; set; } = "";
    /// <summary>The service category's code (changes when the ticket is transferred).</summary>
    public string Category { get; set; } = "";
    /// <summary>The sequence within the day and the category's prefix (1, 2, …; gapless).</summary>
    public int Sequence { get; set; }
    /// <summary>How the ticket was issued.</summary>
    public TicketSource Source { get; set; }
    /// <summary>The appointment checked in, for tickets of <see cref="TicketSource.Appointment"/>.</summary>
    public string? AppointmentId { get; set; }
    /// <summary>Start of the appointment's slot.</summary>
    public Instant? SlotStart { get; set; }
    /// <summary>End of the appointment's slot.</summary>
    public Instant? SlotEnd { get; set; }
    /// <summary>The keyed hash of the holder's ID-card number: at most one open ticket per identity and category a day.</summary>
    public string HolderKey { get; set; } = "";
    /// <summary>The project the holder comes for (项目代码), when given: the clerk's intake link and green channel.</summary>
    public string? ProjectCode { get; set; }
    /// <summary>The signed-in agent who checked in, if any.</summary>
    public string? Agent { get; set; }
    /// <summary>The calling priority (higher first, <see cref="QueueOptions.Priorities"/>); 0 for none.</summary>
    public int Priority { get; set; }
    /// <summary>Why the ticket has priority: comma-separated <see cref="QueuePriority"/> names.</summary>
    public string PriorityReasons { get; set; } = "";
    /// <summary>Where the ticket stands.</summary>
    public TicketState State { get; set; }
    /// <summary>When the ticket was issued (check-in).</summary>
    public Instant IssuedAt { get; set; }
    /// <summary>When it was first called: the end of its wait.</summary>
    public Instant? FirstCalledAt { get; set; }
    /// <summary>When it was last called (or transferred-then-called): the start of the service that ended it.</summary>
    public Instant? CalledAt { get; set; }
    /// <summary>The window that called it last, or that a transfer sent it to.</summary>
    public string? Window { get; set; }
    /// <summary>When set, only this window calls the ticket (a transfer to a window).</summary>
    public string? TargetWindow { get; set; }
    /// <summary>The clerk who called it last.</summary>
    public string? Clerk { get; set; }
    /// <summary>How often it was called (calls and recalls).</summary>
    public int Calls { get; set; }
    /// <summary>How often it was transferred.</summary>
    public int Transfers { get; set; }
    /// <summary>When it was served or marked no-show.</summary>
    public Instant? EndedAt { get; set; }
    /// <summary>The cases the service led to, comma-separated case ids.</summary>
    public string Cases { get; set; } = "";
}
