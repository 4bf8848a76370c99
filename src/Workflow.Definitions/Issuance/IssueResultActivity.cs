using System.Text.Json.Nodes;
using Workflow.Definitions.Cases;
using Workflow.Engine.Activities;

namespace Workflow.Definitions.Issuance;

/// <summary>
/// 统一窗口出件: records the decision, its conditions and the licence or certificate number (电子证照). An approval is
/// never issued while a commitment is open: the activity waits for the materials instead.
/// </summary>
[Activity("Permits", "Permits", "统一窗口出件：记录审批决定、附加条件和证照编号；容缺材料未补齐时不出件。Issues the decision with its conditions and certificate number; never while waived materials are outstanding.",
    TypeName = "IssueResult", DisplayName = "统一出件 Issue result", Kind = "Task")]
public sealed class IssueResultActivity : PermitActivity
{
    /// <summary>The decision issued: <c>Approved</c> (the default), <c>Rejected</c> or <c>Revoked</c>.</summary>
    [Input(DisplayName = "决定 Decision", UIHint = "dropdown", Options = [CaseDecisions.Approved, CaseDecisions.Rejected, CaseDecisions.Revoked], DefaultValue = CaseDecisions.Approved, Order = 1)]
    public Input<string>? Decision { get; set; }

    /// <summary>The kind of licence or certificate issued (e.g. 建筑工程施工许可证), recorded in the case's result.</summary>
    [Input(DisplayName = "证照类型 Certificate", Description = "e.g. 建筑工程施工许可证.", Order = 2)]
    public Input<string>? CertificateType { get; set; }

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        TryIssue(context, LoadCase(context));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        TryIssue(context, LoadCase(context));
        return ValueTask.CompletedTask;
    }

    private void TryIssue(ActivityExecutionContext context, CaseFile file)
    {
        var decision = context.Get(Decision) is { Length: > 0 } d ? d : CaseDecisions.Approved;
        if (decision == CaseDecisions.Approved && file.HasOpenCommitments)
        {
            file.AwaitCommitments();
            context.CreateBookmark(MaterialsKind, new JsonObject { ["caseId"] = file.CaseId, ["purpose"] = "IssueAfterCommitments" });
            SaveCase(context, file);
            return;
        }
        var now = context.Now;
        var year = now.InZone(CalendarOf(context, file).Zone).Year;
        var conditions = file.Opinions.SelectMany(o => o.Conditions).Distinct().ToList();
        var number = $"{Prefix(decision)}〔{year}〕{Math.Abs(StableHash(file.CaseId)) % 1_000_000:D6}号";
        file.Issue(new CaseResult(decision, context.Get(CertificateType) ?? "", number, conditions, now));
        SaveCase(context, file);
        context.Complete();
    }

    private static string Prefix(string decision) => decision switch { CaseDecisions.Approved => "示例许字", CaseDecisions.Revoked => "示例撤字", _ => "示例不许字" };

    /// <summary>FNV-1a: the same case always gets the same number, whatever the process (string.GetHashCode is randomised).</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }
}
