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
        var caseNumber = CaseNumber(item);
        return item.Kind switch
        {
            NotificationKinds.Card => CardText(Get("level"), Get("clock"), Get("subject"), department, Due(Get("due"), zone), caseNumber),
            NotificationKinds.Urging => Ui.T($"督办：{department}，办件 {caseNumber}，请于 {Due(Get("replyDue"), zone)} 前回复", $"Urging notice to {department} on case {caseNumber}: reply by {Due(Get("replyDue"), zone)}"),
            NotificationKinds.UrgingReply => Ui.T($"{department} 已回复督办（办件 {caseNumber}）", $"{department} replied to the urging notice on case {caseNumber}"),
            NotificationKinds.NoticeIssued => Ui.T($"办件 {caseNumber} 需补正：一次性告知 {Get("count")} 项材料（{Get("materials")}）", $"Case {caseNumber}: a one-time notice asks for {Get("count")} material(s) ({Get("materials")})"),
            NotificationKinds.SupplementRequested => Ui.T($"{department} 要求补正办件 {caseNumber} 的材料：{Get("materials")}", $"{department} asks for a supplement to case {caseNumber}: {Get("materials")}"),
            NotificationKinds.Accepted => Ui.T($"办件 {caseNumber} 已受理", $"Case {caseNumber} was accepted")
                + (Get("waived") is { Length: > 0 } w && w != "0" ? Ui.T($"（容缺 {w} 项，请按承诺补齐）", $" ({w} material(s) waived: supply them as committed)") : ""),
            NotificationKinds.Refused => Ui.T($"办件 {caseNumber} 不予受理", $"Case {caseNumber} was not accepted"),
            NotificationKinds.SpecialProcedureStarted => Ui.T($"办件 {caseNumber} 进入{Get("reason")}，期间不计时", $"Case {caseNumber}: a special procedure began ({Get("reason")}); the clocks stand still"),
            NotificationKinds.SpecialProcedureEnded => Ui.T($"办件 {caseNumber} 的{Get("reason")}已结束，恢复计时", $"Case {caseNumber}: the special procedure ended ({Get("reason")}); the clocks run again"),
            NotificationKinds.ResultIssued => ResultText(Get("decision"), Get("certificate"), caseNumber),
            NotificationKinds.Complaint => Ui.T($"新投诉 {Get("complaint")}：{department}，办件 {caseNumber}", $"New complaint {Get("complaint")} about {department}, case {caseNumber}"),
            NotificationKinds.ComplaintReply => Ui.T($"您的投诉 {Get("complaint")} 已答复（办件 {caseNumber}）", $"Your complaint {Get("complaint")} was answered (case {caseNumber})"),
            _ => item.Kind,
        };
    }

    private static string ResultText(string decision, string certificate, string? caseNumber) => decision switch
    {
        Definitions.Cases.CaseDecisions.Approved => Ui.T($"办件 {caseNumber} 已办结，准予许可，证照编号 {certificate}", $"Case {caseNumber} was decided: approved, certificate {certificate}"),
        Definitions.Cases.CaseDecisions.Revoked => Ui.T($"办件 {caseNumber} 的容缺预审批已撤销（撤销决定 {certificate}）", $"Case {caseNumber}: the waived-material pre-approval was revoked (decision {certificate})"),
        _ => Ui.T($"办件 {caseNumber} 已办结：不予许可", $"Case {caseNumber} was decided: refused"),
    };

    /// <summary>
    /// How a notification names its case: the case number staged with it (<see cref="NotificationCentre.CaseNumberKey"/>),
    /// else, for notifications staged before numbers, the case id.
    /// </summary>
    public static string? CaseNumber(NotificationItem item) =>
        item.Data.GetValueOrDefault(NotificationCentre.CaseNumberKey) is { Length: > 0 } number ? number : item.CaseId;

    /// <summary>What each kind is, for the settings page (docs/notifications.md, Preferences).</summary>
    public static string KindName(string kind) => kind switch
    {
        NotificationKinds.NoticeIssued => Ui.T("一次性告知（补正）", "One-time notice (supplement)"),
        NotificationKinds.SupplementRequested => Ui.T("部门要求补正", "A department asks for a supplement"),
        NotificationKinds.Accepted => Ui.T("已受理", "Accepted"),
        NotificationKinds.Refused => Ui.T("不予受理", "Not accepted"),
        NotificationKinds.SpecialProcedureStarted => Ui.T("特别程序开始", "Special procedure began"),
        NotificationKinds.SpecialProcedureEnded => Ui.T("特别程序结束", "Special procedure ended"),
        NotificationKinds.ResultIssued => Ui.T("出件（办结结果）", "Result issued"),
        NotificationKinds.Card => Ui.T("时限预警（黄牌/红牌，含容缺承诺到期）", "Deadline warnings (yellow/red cards, commitments due included)"),
        NotificationKinds.Urging => Ui.T("收到督办", "Urging notice received"),
        NotificationKinds.UrgingReply => Ui.T("督办回复", "Reply to an urging notice"),
        NotificationKinds.Complaint => Ui.T("收到投诉", "Complaint filed"),
        NotificationKinds.ComplaintReply => Ui.T("投诉已答复", "Complaint answered"),
        _ => kind,
    };

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
