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

    // ---- what happens to a case, told to its agent (docs/notifications.md); staged by CaseNotificationParticipant ----

    /// <summary>The window issued a one-time notice (一次性告知书) (data: materials, count).</summary>
    public const string NoticeIssued = "notice-issued";

    /// <summary>A reviewing department asked for a supplement (data: department, materials).</summary>
    public const string SupplementRequested = "supplement-requested";

    /// <summary>The window accepted the application (受理) (data: waived: how many materials were waived).</summary>
    public const string Accepted = "accepted";

    /// <summary>The window refused the application (不予受理).</summary>
    public const string Refused = "refused";

    /// <summary>A special procedure began; the clocks stand still (data: reason).</summary>
    public const string SpecialProcedureStarted = "special-procedure-started";

    /// <summary>A special procedure ended; the clocks run again (data: reason).</summary>
    public const string SpecialProcedureEnded = "special-procedure-ended";

    /// <summary>The result was issued (data: decision, certificate).</summary>
    public const string ResultIssued = "result-issued";

    /// <summary>
    /// Every kind, in the order the settings page lists them. A user chooses per kind whether it also comes by e-mail.
    /// Step due soon or overdue and commitment due are <see cref="Card"/>s (their subject says which).
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
        [NoticeIssued, SupplementRequested, Accepted, Refused, SpecialProcedureStarted, SpecialProcedureEnded, ResultIssued, Card, Urging, UrgingReply, Complaint, ComplaintReply];
}
