namespace Workflow.Definitions.Notifications;

/// <summary>A notification as its reader left it: the <c>state</c> filter of the notification list (docs/api.md, *Lists*).</summary>
public enum NotificationState
{
    /// <summary>Not marked read by the reader.</summary>
    Unread,
    /// <summary>Marked read by the reader.</summary>
    Read,
}
