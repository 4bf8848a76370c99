using Workflow.Definitions.Feedback;

namespace Workflow.Host.Pages.Complaints;

/// <summary>
/// What the complaint list shows (<c>_ComplaintList</c>): the complaints and which actions the reader may take on them —
/// a supervisor takes open ones and answers those in their hand (the admin any), an agent closes their own.
/// </summary>
public sealed record ComplaintList(IReadOnlyList<ComplaintRow> Items, bool MayHandle, bool IsAdmin, bool IsAgent, string UserName)
{
    public bool MayTake(ComplaintRow c) => MayHandle && c.State == ComplaintState.Open;

    public bool MayAnswer(ComplaintRow c) => MayHandle && c.State == ComplaintState.InHand && (IsAdmin || c.Handler == UserName);

    public bool MayClose(ComplaintRow c) => IsAgent ? c.State != ComplaintState.Closed : MayHandle && c.State == ComplaintState.Answered;
}
