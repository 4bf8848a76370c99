namespace Workflow.Definitions.Messages;

// The queue's messages (docs/queueing.md), in a file of their own so that the appointment and queue branches add codes
// without touching each other's lines; RuleCodes.All walks every part.
public static partial class RuleCodes
{
    /// <summary>{0}: the hall asked for.</summary>
    public const string QueueHallUnknown = "queue.hall.unknown";
    /// <summary>{0}: the category asked for; {1}: the hall.</summary>
    public const string QueueCategoryNotInHall = "queue.category.notInHall";
    /// <summary>{0}: the window asked for.</summary>
    public const string QueueWindowUnknown = "queue.window.unknown";
    /// <summary>{0}: the window; {1}: the category it does not serve.</summary>
    public const string QueueWindowCategory = "queue.window.category";
    /// <summary>{0}: the hall; {1}: the category of the appointment named, which is not the kiosk's hall and category asked for.</summary>
    public const string QueueAppointmentElsewhere = "queue.appointment.elsewhere";
    /// <summary>{0}: the number of the holder's open ticket in the same category today.</summary>
    public const string QueueTicketOpen = "queue.ticket.open";
    /// <summary>{0}: the ticket's number; {1}: its state.</summary>
    public const string QueueTicketState = "queue.ticket.state";
    /// <summary>{0}: the ticket's number; {1}: the window it is called to.</summary>
    public const string QueueTicketOtherWindow = "queue.ticket.otherWindow";
    /// <summary>{0}: the window; {1}: the number it is serving.</summary>
    public const string QueueWindowBusy = "queue.window.busy";
    /// <summary>No arguments: a transfer names the category or the window the ticket goes to.</summary>
    public const string QueueTransferTarget = "queue.transfer.target";
    /// <summary>{0}: the case id.</summary>
    public const string QueueCaseUnknown = "queue.case.unknown";
    /// <summary>{0}: the project code.</summary>
    public const string QueueProjectUnknown = "queue.project.unknown";
}
