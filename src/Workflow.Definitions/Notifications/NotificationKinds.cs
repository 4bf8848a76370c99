namespace Workflow.Definitions.Notifications;

/// <summary>The kinds of notification there are (docs/supervision.md, Notifications); each is rendered from its data.</summary>
public static class NotificationKinds
{
    /// <summary>A yellow or red card fired (data: level, clock, subject, department, due).</summary>
    public const string Card = "card";

    /// <summary>A supervisor issued a 督办 notice to a department (data: notice, department, replyDue).</summary>
    public const string Urging = "urging";

    /// <summary>A department replied to a 督办 notice (data: notice, department).</summary>
    public const string UrgingReply = "urging-reply";

    /// <summary>An agent filed a complaint (to the supervisors; data: complaint, department, state).</summary>
    public const string Complaint = "complaint";

    /// <summary>A supervisor answered a complaint (to its agent; data: complaint, department, state).</summary>
    public const string ComplaintReply = "complaint-reply";
}
