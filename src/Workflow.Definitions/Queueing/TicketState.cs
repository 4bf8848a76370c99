namespace Workflow.Definitions.Queueing;

/// <summary>Where a queue ticket stands (stored by name).</summary>
public enum TicketState
{
    /// <summary>Issued, not called (again, after a transfer).</summary>
    Waiting,
    /// <summary>Called to a window and being served there.</summary>
    Called,
    /// <summary>Served: the window finished.</summary>
    Served,
    /// <summary>Called but the holder did not come (过号).</summary>
    NoShow,
}

/// <summary>How a ticket was issued (stored by name).</summary>
public enum TicketSource
{
    /// <summary>At the check-in of an appointment.</summary>
    Appointment,
    /// <summary>At the walk-in kiosk (现场取号).</summary>
    WalkIn,
}

/// <summary>Reasons a ticket is called before others (configurable weights: <see cref="QueueOptions.Priorities"/>).</summary>
public enum QueuePriority
{
    /// <summary>The holder's project is on the green channel (绿色通道).</summary>
    GreenChannel,
    /// <summary>The holder is elderly (by the birth date in the ID-card number, <see cref="QueueOptions.ElderlyAge"/>).</summary>
    Elderly,
    /// <summary>The holder declared a disability (the window checks the certificate).</summary>
    Disabled,
}
