using System.Globalization;
using Workflow.Definitions;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Messages;
using Workflow.Host.Web.Display;

namespace Workflow.Host.Web.Localization;

/// <summary>
/// The message catalogue: the Chinese and English text of every <see cref="RuleCodes"/> code, rendered in the current
/// request's language (<see cref="Ui"/>). A typed catalogue rather than .resx files: the two languages of a message
/// sit on one line for review, a missing text fails a test that walks <see cref="RuleCodes.All"/>, and the arguments
/// that name catalogue entries are shown by their names in the same language (docs/api.md, *Languages*).
/// </summary>
public static class RuleTexts
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        [RuleCodes.ProjectCodeRequired] = ("请填写项目代码", "the project code is required"),
        [RuleCodes.ProjectNameRequired] = ("请填写项目名称", "the project name is required"),
        [RuleCodes.ProjectEnterpriseRequired] = ("请填写申报单位", "the applicant enterprise is required"),
        [RuleCodes.ProjectPriorApprovalsUnknown] = ("不是事项目录中的事项：{0}", "not matters of the catalogue: {0}"),
        [RuleCodes.ProjectCodeTaken] = ("项目代码 {0} 已登记", "project code {0} is registered already"),

        [RuleCodes.ApplicationStageUnknown] = ("没有阶段 {0}", "unknown stage {0}"),
        [RuleCodes.ApplicationMattersOutsideStage] = ("不属于「{0}」阶段的事项：{1}", "not matters of stage {0}: {1}"),
        [RuleCodes.ApplicationMaterialsUnknown] = ("不是所申报事项的材料：{0}", "not materials of the applied matters: {0}"),
        [RuleCodes.ApplicationPrerequisiteMissing] = ("前置事项尚未批准：「{0}」需先取得「{1}」", "prerequisites not approved yet: {0} needs {1}"),
        [RuleCodes.ApplicationStageOpen] = ("本项目已有在办的「{0}」阶段办件", "the project has an open case for stage {0} already"),
        [RuleCodes.ApplicationMattersSplit] = ("这些事项由不同的流程办理，请分别申报：{0}", "these matters are handled by different workflows and must be filed separately: {0}"),

        [RuleCodes.IntakeDefectUnknown] = ("不是所申报事项的材料：{0}", "not a material of the applied matters: {0}"),
        [RuleCodes.IntakeCannotAccept] = ("不能受理：缺少{0}，请一次性告知补正", "cannot accept: {0} missing; request a supplement"),
        [RuleCodes.IntakeCannotAcceptWaivable] = ("不能直接受理：缺少{0}，请一次性告知补正或容缺受理", "cannot accept: {0} missing; request a supplement or accept with waiver"),
        [RuleCodes.IntakeCannotAcceptDefective] = ("不能受理：有材料被标记为有误，请一次性告知补正", "cannot accept: materials are marked defective; request a supplement"),
        [RuleCodes.IntakeWaiverNotAllowed] = ("本流程不允许容缺受理", "this workflow does not allow acceptance with waiver"),
        [RuleCodes.IntakeWaiverCoreMissing] = ("不能容缺受理：缺少核心材料{0}，只有可容缺材料可以容缺", "cannot accept with waiver: core materials {0} are missing; only waivable materials can be waived"),
        [RuleCodes.IntakeWaiverNothingMissing] = ("材料齐全，无需容缺，请直接受理", "nothing is missing: accept without waiver"),
        [RuleCodes.IntakeCommitmentUnsigned] = ("容缺受理需要申请人签署的承诺书", "acceptance with waiver needs the applicant's signed commitment"),
        [RuleCodes.FileCaseClosed] = ("办件已办结，不能再上传材料", "the case is closed: no more files can be uploaded"),
        [RuleCodes.FileMaterialUnknown] = ("{0} 不是本办件的材料", "{0} is not a material of this case"),
        [RuleCodes.FileTooLarge] = ("文件超过 {0} MB", "the file is larger than {0} MB"),
        [RuleCodes.FileEmpty] = ("文件为空", "the file is empty"),
        [RuleCodes.FileTypeRefused] = ("只接受 {0} 文件（按文件内容判断）", "only {0} files are accepted (judged by their content)"),
        [RuleCodes.FileRequired] = ("请选择文件", "choose a file"),
        [RuleCodes.FileDefectReasonRequired] = ("请写明材料的问题", "say what is wrong with the file"),
        [RuleCodes.IntakeNoticeEmpty] = ("没有缺少或有误的材料，一次性告知书将为空", "nothing is missing or marked defective: a supplement notice would be empty"),
        [RuleCodes.IntakeRefusalReason] = ("不予受理须写明理由", "a refusal needs its reason"),

        [RuleCodes.ReviewSupplementEmpty] = ("请一次性列出需要补正的全部材料（至少一项，附理由）", "list every material needed at once: at least one, with its reason"),
        [RuleCodes.ReviewSupplementUnknown] = ("不是本办件的材料：{0}", "not materials of this case: {0}"),
        [RuleCodes.ReviewSupplementReason] = ("每项需补正的材料都须写明理由", "every material asked for needs its reason"),
        [RuleCodes.ReviewConditionsMissing] = ("附条件同意须至少写明一项条件", "an approval with conditions needs at least one condition"),
        [RuleCodes.ReviewRejectionReason] = ("不予许可须写明理由", "a rejection needs its reason"),
        [RuleCodes.JointDisagreementReason] = ("不同意须写明理由", "a disagreement needs its reasons"),
        [RuleCodes.JointConditionsMissing] = ("附条件同意须至少写明一项条件", "an agreement with conditions needs at least one condition"),
        [RuleCodes.JointConsolidationAfterDisagreement] = ("有参与部门不同意，不能按此结果汇总；可选：{0}", "cannot consolidate so: a participant disagreed; allowed: {0}"),
        [RuleCodes.JointConsolidationAfterConditions] = ("有参与部门提出了条件，不能按此结果汇总；可选：{0}", "cannot consolidate so: a participant set conditions; allowed: {0}"),
        // The queue (docs/queueing.md)
        [RuleCodes.QueueHallUnknown] = ("没有大厅 {0}", "there is no hall {0}"),
        [RuleCodes.QueueCategoryNotInHall] = ("大厅 {1} 不办理业务类别 {0}", "hall {1} does not serve the category {0}"),
        [RuleCodes.QueueWindowUnknown] = ("没有 {0} 号窗口", "there is no window {0}"),
        [RuleCodes.QueueWindowCategory] = ("{0} 号窗口不办理业务类别 {1}", "window {0} does not serve the category {1}"),
        [RuleCodes.QueueAppointmentElsewhere] = ("该预约是大厅 {0} 的 {1} 业务，请到对应大厅签到", "the appointment is for {1} in hall {0}: check in there"),
        [RuleCodes.QueueTicketOpen] = ("您今天在该业务已有号码 {0}，请等候叫号", "you hold number {0} for this service today already: wait to be called"),
        [RuleCodes.QueueTicketState] = ("号码 {0} 当前状态为 {1}，不能这样办理", "number {0} is {1} now and cannot take this action"),
        [RuleCodes.QueueTicketOtherWindow] = ("号码 {0} 由 {1} 号窗口办理", "number {0} is with window {1}"),
        [RuleCodes.QueueWindowBusy] = ("{0} 号窗口正在办理 {1}，请先办结、过号或转办", "window {0} is serving {1}: finish it, mark it no-show or transfer it first"),
        [RuleCodes.QueueTransferTarget] = ("转办须选择业务类别或窗口", "a transfer needs a category or a window"),
        [RuleCodes.QueueCaseUnknown] = ("没有办件 {0}", "there is no case {0}"),
        [RuleCodes.QueueProjectUnknown] = ("没有项目代码为 {0} 的项目", "there is no project with the code {0}"),
        [RuleCodes.CalendarYearUncovered] = ("工作日历未覆盖 {0} 年，请先导入该年日历", "the working calendar does not cover {0}: import that year's calendar first"),
        [RuleCodes.JointOpinionsOutstanding] = ("尚待{0}出具意见（或联合审查期限届满）", "waiting for the opinions of {0} (or the joint deadline)"),

        [RuleCodes.RatingStarsRange] = ("评分须为 1 至 5 星", "the rating must be 1 to 5 stars"),
        [RuleCodes.RatingMatterNotApplied] = ("须为本办件申报的事项之一：{0}", "the matter must be one the case applied for: {0}"),
        [RuleCodes.RatingCaseOpen] = ("办件尚未办结，办结后方可评价", "the case is not finished yet: a matter is rated once the case is closed"),
        [RuleCodes.RatingFinal] = ("办件 {1} 的事项「{0}」已评价，评价提交后不可更改", "the matter {0} of case {1} is rated already; a rating is final"),
        [RuleCodes.ComplaintTextRequired] = ("请填写投诉内容", "the complaint's text is required"),
        [RuleCodes.ComplaintStepUnknown] = ("不是本办件的环节", "not a step of this case"),
        [RuleCodes.ComplaintDepartmentUnknown] = ("未知部门", "unknown department"),
        [RuleCodes.ComplaintSubjectMissing] = ("请指明投诉的环节或部门", "name the step or the department complained about"),
        [RuleCodes.ComplaintReplyRequired] = ("请填写答复内容", "the reply is required"),
        [RuleCodes.ComplaintStateConflict] = ("投诉 {0} 现为「{1}」，不能执行此操作", "complaint {0} is {1}: this change does not apply now"),

        [RuleCodes.StepOutcomeNotOffered] = ("办理结果须为以下之一：{0}", "the outcome must be one of: {0}"),
        [RuleCodes.StepOutcomeRequired] = ("请选择办理结果，须为以下之一：{0}", "the outcome is required: one of {0}"),
        [RuleCodes.StepOutcomeNotOfKind] = ("「{0}」不是{1}环节的办理结果，须为以下之一：{2}", "'{0}' is not an outcome of a {1} step: one of {2}"),
        [RuleCodes.StepNotFound] = ("没有这个环节", "no such step"),
        [RuleCodes.StepClosed] = ("此环节已办结", "the step is closed already"),
        [RuleCodes.StepWaitingForSupplement] = ("此环节正在等待申请人补正，补正后方可办理", "the step waits for the applicant's supplement; it can be acted on once the materials are resubmitted"),
        [RuleCodes.StepChanged] = ("此环节已发生变化，您看到的不是最新状态", "the step changed since you opened it"),
        [RuleCodes.StepNotWaiting] = ("此环节当前不等待办理", "the step is not waiting for an action"),
        [RuleCodes.StepActedFirst] = ("有人已先办理了此环节", "someone acted on the step first"),

        [RuleCodes.MaterialsNone] = ("请至少选择一项材料", "name at least one material"),
        [RuleCodes.MaterialsUnknown] = ("不是本办件的材料：{0}", "not materials of this case: {0}"),
        [RuleCodes.CaseClosed] = ("办件已办结，不能再补交材料", "the case is closed; no more materials can be supplied"),
        [RuleCodes.CaseNotFound] = ("没有这个办件", "no such case"),

        [RuleCodes.UrgingMessageRequired] = ("督办内容不能为空", "the message is required"),
        [RuleCodes.UrgingReplyDueRequired] = ("请填写回复期限（日期）", "give the reply due date"),
        [RuleCodes.UrgingReplyDueFuture] = ("回复期限须在今天之后", "the reply due date must be in the future"),
        [RuleCodes.UrgingStepNotOverdue] = ("只能对超期的在办环节督办", "only an open, overdue step can be urged"),
        [RuleCodes.UrgingReplyRequired] = ("回复内容不能为空", "the reply is required"),
        [RuleCodes.UrgingAnswered] = ("督办单已回复", "the urging notice was already answered"),

        [RuleCodes.SupervisionFigureUnknown] = ("「{0}」不是监察指标，须为以下之一：{1}", "'{0}' is not a figure: one of {1}"),
        [RuleCodes.SupervisionDepartmentUnknown] = ("「{0}」既不是部门代码，也不是 {1}", "'{0}' is not a department code (GET /api/departments) nor {1}"),
        [RuleCodes.PeriodDateInvalid] = ("须为 2000 至 2100 年间的日期（年-月-日，如 2025-09-01）", "a date yyyy-MM-dd (2000–2100) is expected"),
        [RuleCodes.PeriodOrder] = ("起始日期不能晚于截止日期", "from must not be after to"),
        [RuleCodes.PeriodTooLong] = ("期间最长十年", "the period may span at most ten years"),

        [RuleCodes.TextTooLong] = ("最多 {0} 个字符", "at most {0} characters"),
        [RuleCodes.TooManyItems] = ("最多 {0} 项", "at most {0} items"),

        // Appointments (docs/appointments.md)
        [RuleCodes.AppointmentIdNumberRequired] = ("请填写身份证号码", "the ID-card number is required"),
        [RuleCodes.AppointmentIdNumberFormat] = ("身份证号码应为 18 位：17 位数字加 1 位数字或 X", "an ID-card number has 18 characters: 17 digits and a digit or X"),
        [RuleCodes.AppointmentIdNumberBirthDate] = ("身份证号码中的出生日期无效", "the birth date in the ID-card number is not valid"),
        [RuleCodes.AppointmentIdNumberChecksum] = ("身份证号码校验位不正确，请核对", "the ID-card number's check digit is wrong; please check the number"),
        [RuleCodes.AppointmentNameRequired] = ("请填写姓名", "the name is required"),
        [RuleCodes.AppointmentMobileInvalid] = ("请填写 11 位手机号码", "enter an 11-digit mobile number"),
        [RuleCodes.AppointmentHallUnknown] = ("没有大厅 {0}", "no hall {0}"),
        [RuleCodes.AppointmentCategoryUnknown] = ("没有业务类别 {0}", "no service category {0}"),
        [RuleCodes.AppointmentCategoryNotServed] = ("{0}不办理「{1}」", "{0} does not offer {1}"),
        [RuleCodes.AppointmentDayClosed] = ("{0} 不对外办公{1}", "{0} is not a working day{1}"),
        [RuleCodes.AppointmentSlotUnknown] = ("{0} 不是可预约的时段", "{0} is not a slot that can be booked"),
        [RuleCodes.AppointmentSlotPast] = ("该时段已开始或已结束", "the slot has begun or is over"),
        [RuleCodes.AppointmentSlotTooFar] = ("只能预约 {0} 天内的时段", "slots can be booked at most {0} days ahead"),
        [RuleCodes.AppointmentSlotFull] = ("{0} 时段已约满（{1} 个名额）", "the {0} slot is fully booked ({1} places)"),
        [RuleCodes.AppointmentDuplicate] = ("您在 {1} 已有「{0}」的有效预约，同一业务每天只能预约一次", "you already have an appointment for {0} on {1}; one per service and day"),
        [RuleCodes.AppointmentBanned] = ("您在 {1} 天内爽约 {0} 次，{2} 前不能预约", "you missed {0} appointments within {1} days and cannot book until {2}"),
        [RuleCodes.AppointmentCancelCutoff] = ("开始前 {0} 分钟内不能取消预约", "an appointment cannot be cancelled within {0} minutes of its start"),
        [RuleCodes.AppointmentStateConflict] = ("预约当前状态为「{0}」，不能进行此操作", "the appointment is {0}; this cannot be done now"),
        [RuleCodes.AppointmentIdentityMismatch] = ("身份证号码与预约人不符，预约不能由他人使用", "the ID-card number is not the one the appointment was booked with; an appointment cannot be used by anyone else"),
        [RuleCodes.AppointmentCheckInNone] = ("今天没有您在{0}办理「{1}」的预约", "you have no appointment at {0} for {1} today"),
        [RuleCodes.AppointmentCheckInEarly] = ("请于 {0} 后签到", "check-in opens at {0}"),
    };

    /// <summary>Whether the catalogue has a text for <paramref name="code"/> (the completeness test).</summary>
    public static bool Has(string code) => Texts.ContainsKey(code);

    /// <summary>The two templates of <paramref name="code"/>, for tests that look for one language's texts in the other's pages.</summary>
    public static (string Zh, string En) Templates(string code) => Texts[code];

    /// <summary>The message in the current request's language; an unknown code is shown as itself (never thrown on).</summary>
    public static string Render(RuleMessage message, MatterCatalogue catalogue)
    {
        if (!Texts.TryGetValue(message.Code, out var texts)) return message.ToString();
        var arguments = message.Arguments.Select(a => Argument(a, catalogue)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, Ui.T(texts.Zh, texts.En), arguments);
    }

    /// <summary>The text of a message without arguments in the current request's language.</summary>
    public static string Text(string code) => Texts.TryGetValue(code, out var texts) ? Ui.T(texts.Zh, texts.En) : code;

    /// <summary>Every field's messages in the current request's language, as problem details and forms show them.</summary>
    public static Dictionary<string, string[]> Render(IReadOnlyDictionary<string, RuleMessage[]> errors, MatterCatalogue catalogue) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Render(m, catalogue)).ToArray());

    /// <summary>The violation's messages in the current request's language.</summary>
    public static Dictionary<string, string[]> Render(PermitRuleViolation violation, MatterCatalogue catalogue) => Render(violation.Errors, catalogue);

    /// <summary>One message as a field's errors, for checks the Host makes itself.</summary>
    public static Dictionary<string, string[]> ForField(string field, string code, MatterCatalogue catalogue, params object[] arguments) =>
        new() { [field] = [Render(new RuleMessage(code, arguments), catalogue)] };

    private static string Argument(object argument, MatterCatalogue catalogue) => argument switch
    {
        Stage stage => Labels.Stage(catalogue, stage),
        IBilingualName named => Ui.T(named.NameZh, named.NameEn),
        CatalogueNames names => string.Join(Ui.T("、", ", "), names.Codes.Select(code => names.Kind switch
        {
            CatalogueNameKind.Matter => $"{code} {Labels.Matter(catalogue, code)}",
            CatalogueNameKind.Material => $"{code} {Labels.Material(catalogue, code)}",
            _ => Labels.Department(catalogue, code),
        })),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => argument.ToString() ?? "",
    };
}
