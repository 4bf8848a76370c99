using Workflow.Definitions.Feedback;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Complaints;

/// <summary>
/// What the complaint list shows (<c>_ComplaintList</c>): the complaints and which actions the reader may take on them —
/// a supervisor takes open ones and answers those in their hand (the admin any), an agent closes their own.
/// </summary>
public sealed record ComplaintList(IReadOnlyList<WithCaseNumber<ComplaintRow>> Items, bool MayHandle, bool IsAdmin, bool IsAgent, string UserName)
{
    public bool MayTake(ComplaintRow c) => MayHandle && c.State == ComplaintState.Open;

    public bool MayAnswer(ComplaintRow c) => MayHandle && c.State == ComplaintState.InHand && (IsAdmin || c.Handler == UserName);

    public bool MayClose(ComplaintRow c) => IsAgent ? c.State != ComplaintState.Closed : MayHandle && c.State == ComplaintState.Answered;

    /// <summary>A complaint state in the page's language.</summary>
    public static string StateLabel(ComplaintState state) => state switch
    {
        ComplaintState.Open => Ui.T("待受理", "Open"),
        ComplaintState.InHand => Ui.T("办理中", "In hand"),
        ComplaintState.Answered => Ui.T("已答复", "Answered"),
        _ => Ui.T("已关闭", "Closed"),
    };
}
