using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Notifications;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Notifications;

/// <summary>A notification's text in the request's language, made from its kind and data (docs/supervision.md, Notifications).</summary>
public static class NotificationText
{
    public static string Of(NotificationItem item, MatterCatalogue catalogue, DateTimeZone zone)
    {
        string Get(string key) => item.Data.GetValueOrDefault(key) ?? "";
        var department = Get("department") is { Length: > 0 } code ? Labels.Department(catalogue, code) : "";
        return item.Kind switch
        {
            NotificationKinds.Card => CardText(Get("level"), Get("clock"), Get("subject"), department, Due(Get("due"), zone), item.CaseId),
            NotificationKinds.Urging => Ui.T($"督办：{department}，办件 {item.CaseId}，请于 {Due(Get("replyDue"), zone)} 前回复", $"Urging notice to {department} on case {item.CaseId}: reply by {Due(Get("replyDue"), zone)}"),
            NotificationKinds.UrgingReply => Ui.T($"{department} 已回复督办（办件 {item.CaseId}）", $"{department} replied to the urging notice on case {item.CaseId}"),
            NotificationKinds.Complaint => Ui.T($"新投诉 {Get("complaint")}：{department}，办件 {item.CaseId}", $"New complaint {Get("complaint")} about {department}, case {item.CaseId}"),
            NotificationKinds.ComplaintReply => Ui.T($"您的投诉 {Get("complaint")} 已答复（办件 {item.CaseId}）", $"Your complaint {Get("complaint")} was answered (case {item.CaseId})"),
            _ => item.Kind,
        };
    }

    private static string CardText(string level, string clock, string subject, string department, string due, string? caseId)
    {
        var card = level == "Overdue" ? Ui.T("红牌", "Red card") : Ui.T("黄牌", "Yellow card");
        var what = subject switch
        {
            "Commitment" => Ui.T("容缺承诺", "waived-material commitment"),
            "Case" => Ui.T("办件", "case"),
            _ => Ui.T("环节", "step"),
        };
        var which = clock switch { "Statutory" => Ui.T("法定时限", "statutory limit"), "Promised" => Ui.T("承诺时限", "promised limit"), _ => Ui.T("承诺期限", "commitment date") };
        return level == "Overdue"
            ? Ui.T($"{card}：{department} {what}已超{which}（{due} 到期），办件 {caseId}", $"{card}: {department} {what} is past its {which} (due {due}), case {caseId}")
            : Ui.T($"{card}：{department} {what}{which}即将到期（{due}），办件 {caseId}", $"{card}: {department} {what} nears its {which} (due {due}), case {caseId}");
    }

    private static string Due(string text, DateTimeZone zone) =>
        InstantPattern.General.Parse(text) is { Success: true } parsed ? PageTime.Format(parsed.Value, zone) : text;
}
