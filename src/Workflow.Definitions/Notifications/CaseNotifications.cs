using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;

namespace Workflow.Definitions.Notifications;

/// <summary>One thing that happened to a case and concerns its agent: a notification to stage.</summary>
public sealed record CaseNotification(string Kind, string? StepId, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// What one save of a case tells its agent (docs/notifications.md, Kinds): the differences between the case and step rows
/// as last committed and the case file about to be committed, like the audit trail reads them (<c>Audit/CaseChanges</c>).
/// A filing tells nothing (the agent filed it). Step due soon or overdue and commitments due come from the cards
/// (<c>Supervision/CardSweep</c>), 督办 from <c>Supervision/UrgingService</c>.
/// </summary>
public static class CaseNotifications
{
    /// <summary>
    /// The notifications for the case's agent, read from the rows <paramref name="before"/> and <paramref
    /// name="stepsBefore"/> as last committed; none for a new case (its filing).
    /// </summary>
    public static IReadOnlyList<CaseNotification> Between(CaseRow? before, IReadOnlyDictionary<string, StepRow> stepsBefore, CaseFile file)
    {
        var events = new List<CaseNotification>();
        if (before is null) return events;

        // A reviewing department's supplement request (the window's requests are one-time notices, above).
        foreach (var step in file.Steps.Where(s => s.Kind != StepKind.Intake && s.State == StepState.WaitingForSupplement))
        {
            if (!stepsBefore.TryGetValue(step.Id, out var old) || old.State == StepState.WaitingForSupplement) continue;
            var request = step.SupplementRequests.LastOrDefault();
            events.Add(new(NotificationKinds.SupplementRequested, step.Id, new Dictionary<string, string>
            {
                ["department"] = step.Department,
                ["materials"] = request is null ? "" : string.Join("、", request.Items.Select(m => NameOf(file, m.Code)).Distinct()),
            }));
        }

        // Special procedures: the case's suspensions not caused by one of its steps (a step's cause is its id). The
        // case row keeps the same list in the same order (StoredSuspensions), so index i is the same suspension.
        var stepIds = file.Steps.Select(s => s.Id).ToHashSet();
        var oldSuspensions = StoredSuspensions.Decode(before.Suspensions);
        for (var i = 0; i < file.Suspensions.Count; i++)
        {
            var suspension = file.Suspensions[i];
            if (suspension.StepId is { } cause && stepIds.Contains(cause)) continue;
            var data = new Dictionary<string, string> { ["reason"] = suspension.Reason };
            if (i >= oldSuspensions.Count) events.Add(new(NotificationKinds.SpecialProcedureStarted, null, data));
            if (suspension.End is not null && (i >= oldSuspensions.Count || oldSuspensions[i].End is null)) events.Add(new(NotificationKinds.SpecialProcedureEnded, null, data));
        }
        // The case's own state last: in one save a procedure ends before the result it led to is issued.
        if (before.State != file.State)
        {
            var was = before.State;
            switch (file.State)
            {
                case CaseState.WaitingForSupplement when file.Notices.Count > 0:
                    var notice = file.Notices[^1];
                    events.Add(new(NotificationKinds.NoticeIssued, null, new Dictionary<string, string>
                    {
                        ["materials"] = string.Join("、", notice.Items.Select(i => i.MaterialName).Distinct()),
                        ["count"] = notice.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }));
                    break;
                case CaseState.InReview or CaseState.AwaitingCommitments when was is CaseState.Submitted or CaseState.WaitingForSupplement:
                    events.Add(new(NotificationKinds.Accepted, null, new Dictionary<string, string>
                    {
                        ["waived"] = file.Commitments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }));
                    break;
                case CaseState.Refused:
                    events.Add(new(NotificationKinds.Refused, null, new Dictionary<string, string>()));
                    break;
                case CaseState.Issued or CaseState.Rejected or CaseState.Revoked when file.Result is { } result:
                    events.Add(new(NotificationKinds.ResultIssued, null, new Dictionary<string, string>
                    {
                        ["decision"] = result.Decision,
                        ["certificate"] = result.CertificateNumber,
                    }));
                    break;
            }
        }

        return events;
    }

    private static string NameOf(CaseFile file, string code) => file.Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code;
}
