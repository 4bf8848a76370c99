namespace Workflow.Definitions.NotificationDelivery;

/// <summary>Where an e-mail of the outbox stands: the <c>state</c> filter of the admin's outbox list (docs/notifications.md, E-mail).</summary>
public enum OutboxState
{
    /// <summary>Not tried yet.</summary>
    Waiting,
    /// <summary>Failed at least once; will be tried again.</summary>
    Retrying,
    /// <summary>Delivered to the SMTP server.</summary>
    Sent,
    /// <summary>Given up after the last attempt.</summary>
    Failed,
}
