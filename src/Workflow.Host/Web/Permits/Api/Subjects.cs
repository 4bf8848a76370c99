using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// What a <see cref="Denied"/> answer names, in the request's language: the fragment sits inside a localized sentence,
/// so an English "project 42" in a Chinese detail would break the one-language rule (docs/api.md, Languages).
/// </summary>
public static class Subjects
{
    public static string Project(string id) => Ui.T($"项目 {id}", $"project {id}");

    public static string Projects => Ui.T("项目", "projects");

    public static string Case(string id) => Ui.T($"办件 {id}", $"case {id}");

    public static string Cases => Ui.T("办件", "cases");

    public static string Step(string? id) => Ui.T($"环节 {id}", $"step {id}");

    public static string File(string id) => Ui.T($"文件 {id}", $"file {id}");

    public static string AuditTrail(string caseId) => Ui.T($"办件 {caseId} 的审计记录", $"the audit trail of case {caseId}");

    public static string Ledger => Ui.T("台账", "the ledger");

    public static string Feed(long? id = null) => id is null ? Ui.T("日历订阅", "feed") : Ui.T($"日历订阅 {id}", $"feed {id}");

    public static string Complaint(long id) => Ui.T($"投诉 {id}", $"complaint {id}");

    public static string Notification(long id) => Ui.T($"通知 {id}", $"notification {id}");

    public static string UrgingNotice(long id) => Ui.T($"督办单 {id}", $"urging notice {id}");
}
