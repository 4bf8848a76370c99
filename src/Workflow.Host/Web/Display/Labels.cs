using Workflow.Definitions.Catalogue;
using System.Globalization;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Activities;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Display;

/// <summary>The pages' names for the domain's states and outcomes, Chinese by default, English on request.</summary>
public static class Labels
{
    /// <summary>How a case is named on a page: its number (docs/domain.md, *Case numbers*), else, for a case not numbered yet, its id.</summary>
    public static string CaseNumber(string? number, string id) => number ?? id;

    public static string Level(DeadlineLevel level) => level switch
    {
        DeadlineLevel.Warning => Ui.T("预警", "Warning"),
        DeadlineLevel.Overdue => Ui.T("超期", "Overdue"),
        _ => Ui.T("正常", "On time"),
    };

    public static string CaseState(CaseState state) => state switch
    {
        Definitions.Cases.CaseState.Submitted => Ui.T("待受理", "Waiting at the window"),
        Definitions.Cases.CaseState.WaitingForSupplement => Ui.T("待补正", "Waiting for supplement"),
        Definitions.Cases.CaseState.InReview => Ui.T("审批中", "In review"),
        Definitions.Cases.CaseState.AwaitingCommitments => Ui.T("待补齐容缺材料", "Awaiting waived materials"),
        Definitions.Cases.CaseState.Issued => Ui.T("已办结", "Issued"),
        Definitions.Cases.CaseState.Rejected => Ui.T("不予许可", "Rejected"),
        Definitions.Cases.CaseState.Refused => Ui.T("不予受理", "Refused at intake"),
        Definitions.Cases.CaseState.Revoked => Ui.T("已撤销", "Revoked"),
        _ => state.ToString(),
    };

    public static string StepState(StepState state) => state switch
    {
        Definitions.Cases.StepState.Open => Ui.T("待办", "Open"),
        Definitions.Cases.StepState.WaitingForSupplement => Ui.T("待补正", "Waiting for supplement"),
        Definitions.Cases.StepState.Completed => Ui.T("已办", "Completed"),
        Definitions.Cases.StepState.Cancelled => Ui.T("已取消", "Cancelled"),
        _ => state.ToString(),
    };

    public static string StepKind(StepKind kind) => kind switch
    {
        Definitions.Cases.StepKind.Intake => Ui.T("一窗受理", "Intake"),
        Definitions.Cases.StepKind.Review => Ui.T("部门审查", "Review"),
        Definitions.Cases.StepKind.JointOpinion => Ui.T("联合审查意见", "Joint opinion"),
        Definitions.Cases.StepKind.JointConsolidation => Ui.T("联合审查汇总", "Joint consolidation"),
        Definitions.Cases.StepKind.SpecialProcedure => Ui.T("特别程序", "Special procedure"),
        _ => kind.ToString(),
    };

    /// <summary>An outcome name of a step activity (or <c>Cancelled</c>), as shown on forms and timelines; unknown names as they are.</summary>
    public static string Outcome(string? outcome) => outcome switch
    {
        null => "",
        "Accepted" => Ui.T("受理", "Accepted"),
        "AcceptedWithWaiver" => Ui.T("容缺受理", "Accepted with waiver"),
        "SupplementRequired" => Ui.T("一次性告知补正", "Supplement required (one-time notice)"),
        "Refused" => Ui.T("不予受理", "Refused"),
        "Approved" => Ui.T("同意", "Approved"),
        "ApprovedWithConditions" => Ui.T("附条件同意", "Approved with conditions"),
        "Rejected" => Ui.T("不予许可", "Rejected"),
        "SupplementRequested" => Ui.T("要求补正", "Supplement requested"),
        "Agree" => Ui.T("同意", "Agree"),
        "AgreeWithConditions" => Ui.T("附条件同意", "Agree with conditions"),
        "Disagree" => Ui.T("不同意", "Disagree"),
        "Passed" => Ui.T("通过", "Passed"),
        "PassedWithConditions" => Ui.T("附条件通过", "Passed with conditions"),
        "Failed" => Ui.T("不通过", "Failed"),
        global::Workflow.Engine.Activities.Outcomes.Done => Ui.T("完成", "Done"),
        Definitions.Cases.StepRecord.CancelledOutcome => Ui.T("已取消", "Cancelled"),
        _ => outcome,
    };

    public static string Stage(MatterCatalogue catalogue, Stage? stage)
    {
        if (stage is not { } s) return "–";
        var definition = catalogue.Stages.FirstOrDefault(x => x.Stage == s);
        return $"{(int)s} {(Ui.IsEnglish ? definition?.EnglishName ?? definition?.Name : definition?.Name) ?? s.ToString()}";
    }

    /// <summary>A matter's name by code in the page's language (the catalogue's English name in English); unknown codes as they are.</summary>
    public static string Matter(MatterCatalogue catalogue, string code) =>
        catalogue.FindMatter(code) is { } m ? Ui.T(m.Name, m.EnglishName ?? m.Name) : code;

    /// <summary>A matter's name in the page's language.</summary>
    public static string Matter(Matter matter) => Ui.T(matter.Name, matter.EnglishName ?? matter.Name);

    /// <summary>
    /// A step's title in the page's language: the stored (Chinese) title, or in English one made from the catalogue's
    /// English names: the matter and department of a review, the kind and department of the other steps.
    /// </summary>
    public static string StepTitle(MatterCatalogue catalogue, StepSnapshot step) =>
        StepTitle(catalogue, step.Kind, step.Department, step.Matter, step.Title);

    /// <summary>See <see cref="StepTitle(MatterCatalogue, StepSnapshot)"/>.</summary>
    public static string StepTitle(MatterCatalogue catalogue, StepKind kind, string department, string? matter, string title) => !Ui.IsEnglish
        ? title
        : kind switch
        {
            Definitions.Cases.StepKind.Intake => StepKind(kind),
            Definitions.Cases.StepKind.Review when matter is not null => $"{Matter(catalogue, matter)} · {Department(catalogue, department)}",
            _ => $"{StepKind(kind)} · {Department(catalogue, department)}",
        };

    /// <summary>A material's name by code in the page's language; unknown codes as they are.</summary>
    public static string Material(MatterCatalogue catalogue, string code) =>
        catalogue.FindMaterial(code) is { } m ? Material(m) : code;

    /// <summary>A material's name in the page's language.</summary>
    public static string Material(MaterialRequirement material) => Ui.T(material.Name, material.EnglishName ?? material.Name);

    /// <summary>A department's name by code; <c>frontdesk</c> is the intake window.</summary>
    public static string Department(MatterCatalogue catalogue, string code) =>
        code == PermitActivity.FrontDesk
            ? Ui.T("综合窗口", "Front desk")
            : catalogue.FindDepartment(code) is { } d ? (Ui.IsEnglish ? d.EnglishName : d.Name) : code;

    public static string Cell(CellState state) => state switch
    {
        CellState.NotApplied => Ui.T("未申报", "Not applied"),
        CellState.AtWindow => Ui.T("窗口待受理", "Waiting at the window"),
        CellState.OnTime => Ui.T("审查中（正常）", "In review, on time"),
        CellState.Warning => Ui.T("审查中（预警）", "In review, warning"),
        CellState.Overdue => Ui.T("审查中（超期）", "In review, overdue"),
        CellState.WaitingForSupplement => Ui.T("待补正", "Waiting for supplement"),
        CellState.Issued => Ui.T("已办结", "Issued"),
        CellState.Rejected => Ui.T("不予许可/不予受理", "Rejected or refused"),
        _ => state.ToString(),
    };

    public static string ProjectKind(ProjectKind kind) => kind switch
    {
        Definitions.Projects.ProjectKind.GovernmentInvested => Ui.T("政府投资项目", "Government-invested"),
        Definitions.Projects.ProjectKind.EnterpriseInvested => Ui.T("社会投资项目", "Enterprise-invested"),
        Definitions.Projects.ProjectKind.SmallLowRisk => Ui.T("小型低风险项目", "Small low-risk"),
        _ => kind.ToString(),
    };

    public static string ProjectKind(string kind) => Enum.TryParse<ProjectKind>(kind, out var k) ? ProjectKind(k) : kind;

    /// <summary>Remaining time of a clock in the page's language ("还剩 2.5 个工作日" / "2.5 working days left").</summary>
    public static string Remaining(ClockReading clock) => !Ui.IsEnglish
        ? clock.RemainingText
        : clock.RemainingWorkingDays >= 0
            ? $"{clock.RemainingWorkingDays.ToString("0.0", CultureInfo.InvariantCulture)} working days left"
            : $"overdue by {(-clock.RemainingWorkingDays).ToString("0.0", CultureInfo.InvariantCulture)} working days";

    /// <summary>A special procedure's kind: 公示, 专家评审, 听证.</summary>
    public static string Procedure(Definitions.SpecialProcedures.SpecialProcedureKind kind) => kind switch
    {
        Definitions.SpecialProcedures.SpecialProcedureKind.ExpertReview => Ui.T("专家评审", "expert review"),
        Definitions.SpecialProcedures.SpecialProcedureKind.Hearing => Ui.T("听证", "hearing"),
        Definitions.SpecialProcedures.SpecialProcedureKind.PublicNotice => Ui.T("公示", "public notice"),
        _ => kind.ToString(),
    };

    /// <summary>
    /// Why a clock stands still, from the suspension's cause (docs/domain.md, *Special procedures*): 特别程序 with its
    /// kind, start and planned end, or a supplement; a stop whose cause a list row does not carry is named as such.
    /// </summary>
    public static string Hold(ClockHold? hold, DateTimeZone zone) => hold switch
    {
        { Procedure: { } kind } => Ui.T($"特别程序：{Procedure(kind)}（不计入办理时限）", $"Special procedure: {Procedure(kind)} (not counted)")
            + " · " + Ui.T("自", "from") + " " + PageTime.Format(hold.Start, zone)
            + " · " + (hold.PlannedEnd is { } end ? Ui.T("计划结束", "planned end") + " " + PageTime.Format(end, zone) : Ui.T("至办理完成", "until completed")),
        { Reason: var reason } when reason.StartsWith("补正", StringComparison.Ordinal) =>
            Ui.T("计时暂停中（等待补正）", "Stopped while waiting for the applicant's supplement") + " · " + Ui.T("自", "from") + " " + PageTime.Format(hold.Start, zone),
        // A row written before suspensions stored their cause (Persistence/StoredSuspensions' old form) has no reason.
        { Reason: "" } => Ui.T("计时暂停", "Clocks held") + " · " + Ui.T("自", "from") + " " + PageTime.Format(hold.Start, zone),
        // Any other cause is the workflow's own words, kept in both languages (in Chinese when that is all there is).
        { Reason: var reason } => Ui.T($"计时暂停中（{reason}）", $"Clocks stopped ({reason})") + " · " + Ui.T("自", "from") + " " + PageTime.Format(hold.Start, zone),
        null => Ui.T("计时暂停中", "Clocks stopped"),
    };

    /// <summary>The CSS class of a level: <c>normal</c>, <c>warning</c> or <c>overdue</c>.</summary>
    public static string LevelClass(DeadlineLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>What the applicant owes for a matter of the tracker, as one line.</summary>
    public static string Owed(OwedItem item, DateTimeZone zone) => item.CommitmentDue is { } due
        ? Ui.T($"容缺承诺：{item.MaterialName}（{PageTime.Format(due, zone)} 前补齐）", $"Commitment: {item.MaterialName} (due {PageTime.Format(due, zone)})")
        : $"{item.MaterialName}：{item.Reason}";

    /// <summary>
    /// An activity type in the users' words: the Chinese or the English part of its descriptor's display name
    /// ("一窗受理 Intake"); unknown types by their name without the <c>Permits.</c> prefix.
    /// </summary>
    public static string Activity(string activityType)
    {
        if (PermitActivities.TryGetValue(activityType, out var displayName) && displayName.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space)
            return Ui.T(displayName[..space], displayName[(space + 1)..]);
        return activityType.StartsWith("Permits.", StringComparison.Ordinal) ? activityType["Permits.".Length..] : activityType;
    }

    private static readonly Dictionary<string, string> PermitActivities = new[]
    {
        ActivityType.Of<Definitions.Intake.IntakeActivity>(), ActivityType.Of<Definitions.Review.DepartmentReviewActivity>(),
        ActivityType.Of<Definitions.Review.ParallelReviewActivity>(), ActivityType.Of<Definitions.JointReview.JointReviewActivity>(),
        ActivityType.Of<Definitions.JointReview.JointSiteInspectionActivity>(), ActivityType.Of<Definitions.Commitments.AwaitCommitmentsActivity>(),
        ActivityType.Of<Definitions.SpecialProcedures.SpecialProcedureActivity>(), ActivityType.Of<Definitions.Issuance.IssueResultActivity>(),
    }.ToDictionary(t => t.TypeName, t => t.DisplayName);

    /// <summary>
    /// Whether a timeline line is shown on the case page: every case line, and of the workflow's journal only the
    /// permit activities (engine-internal activities such as the flowchart are left out).
    /// </summary>
    public static bool ShownOnPage(TimelineEntry entry) =>
        entry.Source != "workflow" || entry.ActivityType?.StartsWith("Permits.", StringComparison.Ordinal) == true;

    /// <summary>The headline of a timeline line in the page's language; the line's text follows it.</summary>
    public static string TimelineEvent(TimelineEntry entry) => entry.Source == "workflow"
        ? $"{Activity(entry.ActivityType ?? "")} · " + entry.Event switch
        {
            "Started" => Ui.T("流程进入", "entered"),
            "Completed" => Ui.T("完成", "completed"),
            "Cancelled" => Ui.T("已取消", "cancelled"),
            "Faulted" => Ui.T("出错", "faulted"),
            "BookmarkCreated" => Ui.T("等待办理", "waiting"),
            "Resumed" => Ui.T("继续", "resumed"),
            _ => entry.Event,
        }
        : entry.Event switch
        {
            "Submitted" => Ui.T("提交申报", "Application filed"),
            "Accepted" => Ui.T("受理", "Accepted"),
            "StepOpened" => Ui.T("环节开始", "Step opened"),
            "SupplementRequested" => Ui.T("要求补正", "Supplement requested"),
            "Resubmitted" => Ui.T("已补正", "Resubmitted"),
            "StepCompleted" => Ui.T("环节办结", "Step completed"),
            "StepCancelled" => Ui.T("环节取消", "Step cancelled"),
            "NoticeIssued" => Ui.T("一次性告知书", "One-time notice"),
            "ClocksStopped" => Ui.T("计时暂停", "Clocks stopped"),
            "ClocksResumed" => Ui.T("恢复计时", "Clocks resumed"),
            "MaterialsSupplied" => Ui.T("补交材料", "Materials supplied"),
            "CommitmentFulfilled" => Ui.T("容缺材料已补齐", "Waived material supplied"),
            "ResultIssued" => Ui.T("出件", "Result issued"),
            _ => entry.Event,
        };

    /// <summary>
    /// The detail of a timeline line in the page's language, worded from its facts (<see cref="TimelineFacts"/>): step
    /// titles, departments, outcomes and materials by the catalogue's names; a line without facts shows its stored text.
    /// </summary>
    public static string TimelineDetail(TimelineEntry entry, MatterCatalogue catalogue)
    {
        if (entry.Source == "workflow")
        {
            // The journal's text ends in " → <outcome>" when the activity completed with one.
            var arrow = entry.Text.LastIndexOf(" → ", StringComparison.Ordinal);
            return $"{Activity(entry.ActivityType ?? "")} {entry.ActivityId}" + (arrow < 0 ? "" : " → " + Outcome(entry.Text[(arrow + 3)..]));
        }
        if (entry.Facts is not { } facts) return entry.Text;
        var step = facts.Step is { } s ? StepTitle(catalogue, s.Kind, s.Department, s.MatterCode, s.Title) : "";
        var materials = string.Join(Ui.T("；", "; "), (facts.Materials ?? []).Select(m =>
            m.Reason.Length == 0 ? Material(catalogue, m.Code) : Material(catalogue, m.Code) + Ui.T("：", ": ") + m.Reason));
        return entry.Event switch
        {
            "Submitted" => Ui.T($"{facts.Actor} 提交申请", $"filed by {facts.Actor}"),
            "Accepted" => Ui.T("受理，办件开始计时", "accepted; the case's clocks start"),
            "StepOpened" => step + Ui.T($"：进入{Department(catalogue, facts.Step!.Department)}待办", $": open in the inbox of {Department(catalogue, facts.Step!.Department)}"),
            "SupplementRequested" => step + Ui.T("：要求补正：", ": supplement requested: ") + materials,
            "Resubmitted" => step + Ui.T("：材料已补正，环节恢复计时", ": materials resubmitted, the step's clocks run again"),
            "StepCancelled" => step + Ui.T("：已取消（审查已由其他环节作出决定）", ": cancelled (the review was decided without it)"),
            "StepCompleted" => step + Ui.T("：", ": ") + Outcome(facts.Step!.Outcome) + Ui.T($"（{facts.Actor}）", $" by {facts.Actor}")
                + (string.IsNullOrWhiteSpace(facts.Step.Opinion) ? "" : " — " + facts.Step.Opinion),
            "NoticeIssued" => Ui.T($"{facts.Actor} 出具一次性告知书：", $"one-time notice by {facts.Actor}: ") + materials,
            "ClocksStopped" => Ui.T("计时暂停：", "clocks stopped: ") + SuspensionCause(facts.Suspension!),
            "ClocksResumed" => Ui.T("恢复计时：", "clocks run again: ") + SuspensionCause(facts.Suspension!),
            "MaterialsSupplied" => Ui.T("补交材料：", "materials supplied: ") + materials,
            "CommitmentFulfilled" => Ui.T("容缺材料已补齐：", "waived material supplied: ") + materials,
            "ResultIssued" => Ui.T("统一窗口出件：", "result issued: ") + $"{facts.Result!.Decision} {facts.Result.CertificateType} {facts.Result.CertificateNumber}",
            _ => entry.Text,
        };
    }

    // A special procedure by its kind (one recorded before suspensions carried it, by its reason); a supplement (stored as
    // 「补正：<step title>」) as such; a stop recorded without its cause says so.
    private static string SuspensionCause(ClockSuspension suspension) => suspension switch
    {
        { Procedure: { } kind } => Ui.T("特别程序：", "special procedure: ") + Procedure(kind),
        { Reason: var reason } when Definitions.SpecialProcedures.SpecialProcedureReasons.KindOf(reason) is { } kind => Ui.T("特别程序：", "special procedure: ") + Procedure(kind),
        { Reason: "" } => Ui.T("原因未记录", "cause not recorded"),
        { Reason: var reason } when reason.StartsWith("补正", StringComparison.Ordinal) => Ui.T(reason, "waiting for the applicant's supplement"),
        _ => suspension.Reason, // the workflow's own words, as given (as Hold shows them)
    };

    /// <summary>The workflow a case runs, e.g. <c>施工许可 (stage-3-construction-permit) · 第 2 版</c>; a dash for cases filed before bindings.</summary>
    public static string Workflow(CaseWorkflow? workflow) => workflow is null
        ? "–"
        : $"{workflow.Name} ({workflow.DefinitionId}) · " + Ui.T($"第 {workflow.Version} 版", $"version {workflow.Version}");
}
