using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Engine.Runtime;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Tracking;

/// <summary>
/// A case's timeline, oldest first: the permit activities of the workflow journal (started, completed with their
/// outcome, cancelled), and from the case file the filing, every opinion, one-time notice, supplement request and
/// resubmission, and the result. Engine-internal activities (the flowchart, variables) are left out.
/// </summary>
public static class CaseTimeline
{
    public static IReadOnlyList<TimelineEntry> Build(CaseFile file, IReadOnlyList<JournalEntry> journal, MatterCatalogue catalogue)
    {
        var entries = new List<TimelineEntry>
        {
            new(file.SubmittedAt, "filed", Ui.T($"提交申报：{string.Join("、", file.Matters)}", $"Application filed: {string.Join(", ", file.Matters)}"), []),
        };
        foreach (var entry in journal.Where(j => j.ActivityType.StartsWith("Permits.", StringComparison.Ordinal)))
        {
            var activity = ActivityName(entry.ActivityType);
            var title = entry.Event switch
            {
                JournalEventKind.Started => Ui.T($"流程进入：{activity}", $"Workflow entered: {activity}"),
                JournalEventKind.Completed => Ui.T($"{activity} 完成：{Labels.Outcome(entry.Outcome)}", $"{activity} completed: {Labels.Outcome(entry.Outcome)}"),
                JournalEventKind.Cancelled => Ui.T($"{activity} 已取消", $"{activity} cancelled"),
                JournalEventKind.Faulted => Ui.T($"{activity} 出错", $"{activity} faulted"),
                _ => null,
            };
            if (title is not null)
                entries.Add(new TimelineEntry(entry.At, "workflow", title, []));
        }
        foreach (var opinion in file.Opinions)
        {
            var details = new List<string>();
            if (!string.IsNullOrWhiteSpace(opinion.Text)) details.Add(opinion.Text);
            details.AddRange(opinion.Conditions.Select(c => Ui.T("条件：", "Condition: ") + c));
            entries.Add(new TimelineEntry(opinion.At, "opinion",
                $"{Labels.Department(catalogue, opinion.Department)} · {Labels.Outcome(opinion.Outcome)}（{opinion.Actor}）", details));
        }
        foreach (var notice in file.Notices)
            entries.Add(new TimelineEntry(notice.IssuedAt, "notice", Ui.T($"一次性告知书（{notice.IssuedBy}）", $"One-time notice ({notice.IssuedBy})"),
                notice.Items.Select(i => $"{i.MaterialName}（{i.MaterialCode}）：{i.Reason}").ToList()));
        foreach (var step in file.Steps)
        {
            foreach (var request in step.SupplementRequests)
            {
                entries.Add(new TimelineEntry(request.RequestedAt, "supplement", Ui.T($"{step.Title} 要求补正", $"{step.Title}: supplement requested"),
                    request.Items.Select(i => $"{file.Materials.FirstOrDefault(m => m.Code == i.Code)?.Name ?? i.Code}（{i.Code}）：{i.Reason}").ToList()));
                if (request.ResubmittedAt is { } resubmitted)
                    entries.Add(new TimelineEntry(resubmitted, "materials", Ui.T($"已补正，{step.Title} 恢复计时", $"Resubmitted; {step.Title} runs again"), []));
            }
        }
        foreach (var commitment in file.Commitments.Where(c => c.FulfilledAt is not null))
            entries.Add(new TimelineEntry(commitment.FulfilledAt!.Value, "materials", Ui.T($"容缺材料已补齐：{commitment.MaterialName}", $"Waived material supplied: {commitment.MaterialName}"), []));
        if (file.Result is { } result)
            entries.Add(new TimelineEntry(result.IssuedAt, "result", Ui.T($"出件：{result.Decision} · {result.CertificateType} {result.CertificateNumber}", $"Result issued: {result.Decision} · {result.CertificateType} {result.CertificateNumber}"),
                result.Conditions.Select(c => Ui.T("条件：", "Condition: ") + c).ToList()));
        // Stable: lines of one instant keep the order above (filing before the workflow's first step).
        return entries.OrderBy(e => e.At).ToList();
    }

    /// <summary>A permit activity type in the users' words; unknown types by their name without the <c>Permits.</c> prefix.</summary>
    public static string ActivityName(string activityType) => activityType switch
    {
        "Permits.Intake" => Ui.T("一窗受理", "Intake"),
        "Permits.DepartmentReview" => Ui.T("部门审查", "Department review"),
        "Permits.ParallelReview" => Ui.T("并联审批", "Parallel review"),
        "Permits.JointReview" => Ui.T("联合审查（验收）", "Joint review"),
        "Permits.JointSiteInspection" => Ui.T("联合踏勘", "Joint site inspection"),
        "Permits.AwaitCommitments" => Ui.T("等待容缺材料", "Awaiting waived materials"),
        "Permits.SpecialProcedure" => Ui.T("特别程序", "Special procedure"),
        "Permits.IssueResult" => Ui.T("统一窗口出件", "Issuing the result"),
        _ => activityType.StartsWith("Permits.", StringComparison.Ordinal) ? activityType["Permits.".Length..] : activityType,
    };
}
