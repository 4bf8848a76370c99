namespace Workflow.Definitions.Messages;

/// <summary>
/// Every message the permit domain raises (rule violations and conflicts). The Host's catalogue has a Chinese and an
/// English text for each, with the arguments named in the comment ({0}, {1} …); a test walks this list.
/// </summary>
public static partial class RuleCodes
{
    // Projects
    /// <summary>No arguments: a project needs its code (项目代码).</summary>
    public const string ProjectCodeRequired = "project.code.required";
    /// <summary>No arguments: a project needs its name.</summary>
    public const string ProjectNameRequired = "project.name.required";
    /// <summary>No arguments: a project needs its applicant enterprise.</summary>
    public const string ProjectEnterpriseRequired = "project.enterprise.required";
    /// <summary>{0}: matters.</summary>
    public const string ProjectPriorApprovalsUnknown = "project.priorApprovals.unknown";
    /// <summary>{0}: the code.</summary>
    public const string ProjectCodeTaken = "project.code.taken";

    // Applications
    /// <summary>{0}: the stage.</summary>
    public const string ApplicationStageUnknown = "application.stage.unknown";
    /// <summary>{0}: the stage; {1}: matter codes.</summary>
    public const string ApplicationMattersOutsideStage = "application.matters.outsideStage";
    /// <summary>{0}: material codes.</summary>
    public const string ApplicationMaterialsUnknown = "application.materials.unknown";
    /// <summary>{0}: the matter; {1}: the prerequisite matters it lacks.</summary>
    public const string ApplicationPrerequisiteMissing = "application.matters.prerequisite";
    /// <summary>{0}: the stage.</summary>
    public const string ApplicationStageOpen = "application.stage.open";
    /// <summary>{0}: "matter → workflow" pairs.</summary>
    public const string ApplicationMattersSplit = "application.matters.split";

    // Intake
    /// <summary>{0}: material codes.</summary>
    public const string IntakeDefectUnknown = "intake.defect.unknown";
    /// <summary>{0}: the missing materials.</summary>
    public const string IntakeCannotAccept = "intake.accept.missing";
    /// <summary>{0}: the missing materials (all waivable).</summary>
    public const string IntakeCannotAcceptWaivable = "intake.accept.missingWaivable";
    /// <summary>
    /// No arguments: a case with materials marked defective cannot be accepted; the window asks for a supplement.
    /// </summary>
    public const string IntakeCannotAcceptDefective = "intake.accept.defective";
    /// <summary>No arguments: the workflow's intake does not allow acceptance with waiver (<c>allowWaiver</c>).</summary>
    public const string IntakeWaiverNotAllowed = "intake.waiver.notAllowed";
    /// <summary>{0}: the missing core materials.</summary>
    public const string IntakeWaiverCoreMissing = "intake.waiver.coreMissing";
    /// <summary>No arguments: nothing is missing, so the case is accepted without waiver.</summary>
    public const string IntakeWaiverNothingMissing = "intake.waiver.nothingMissing";
    /// <summary>No arguments: acceptance with waiver needs the applicant's signed commitment.</summary>
    public const string IntakeCommitmentUnsigned = "intake.commitment.unsigned";
    /// <summary>No arguments: a one-time notice must name at least one missing or defective material.</summary>
    public const string IntakeNoticeEmpty = "intake.notice.empty";
    /// <summary>No arguments: a refusal at intake needs its reason.</summary>
    public const string IntakeRefusalReason = "intake.refusal.reason";

    // Review and joint review
    /// <summary>No arguments: a supplement request must list every material needed at once, at least one.</summary>
    public const string ReviewSupplementEmpty = "review.supplement.empty";
    /// <summary>{0}: material codes.</summary>
    public const string ReviewSupplementUnknown = "review.supplement.unknown";
    /// <summary>No arguments: every material a supplement request asks for needs its reason.</summary>
    public const string ReviewSupplementReason = "review.supplement.reason";
    /// <summary>No arguments: an approval with conditions needs at least one condition.</summary>
    public const string ReviewConditionsMissing = "review.conditions.missing";
    /// <summary>No arguments: a rejection needs its reason.</summary>
    public const string ReviewRejectionReason = "review.rejection.reason";
    /// <summary>No arguments: a disagreement in a joint review needs its reasons.</summary>
    public const string JointDisagreementReason = "joint.disagreement.reason";
    /// <summary>No arguments: an agreement with conditions needs at least one condition.</summary>
    public const string JointConditionsMissing = "joint.conditions.missing";
    /// <summary>{0}: the outcomes allowed.</summary>
    public const string JointConsolidationAfterDisagreement = "joint.consolidation.disagreed";
    /// <summary>{0}: the outcomes allowed.</summary>
    public const string JointConsolidationAfterConditions = "joint.consolidation.conditions";
    /// <summary>{0}: the departments whose opinions are outstanding.</summary>
    public const string JointOpinionsOutstanding = "joint.opinions.outstanding";

    // Steps
    /// <summary>{0}: the outcomes the step offers.</summary>
    public const string StepOutcomeNotOffered = "step.outcome.notOffered";
    /// <summary>{0}: the outcomes a step of this kind offers. The action names no outcome (a 400).</summary>
    public const string StepOutcomeRequired = "step.outcome.required";
    /// <summary>{0}: the outcome sent; {1}: the step kind; {2}: the outcomes a step of this kind offers (a 400).</summary>
    public const string StepOutcomeNotOfKind = "step.outcome.notOfKind";
    /// <summary>No arguments: no step has this id.</summary>
    public const string StepNotFound = "step.notFound";
    /// <summary>No arguments: the step is closed already (a 409).</summary>
    public const string StepClosed = "step.closed";
    /// <summary>
    /// No arguments: the step waits for the applicant's supplement and can be acted on once the materials are back (a
    /// 409).
    /// </summary>
    public const string StepWaitingForSupplement = "step.waitingForSupplement";
    /// <summary>No arguments: the step changed since the caller read it (a stale version: 409).</summary>
    public const string StepChanged = "step.changed";
    /// <summary>No arguments: the step is not waiting for an action (a 409).</summary>
    public const string StepNotWaiting = "step.notWaiting";
    /// <summary>No arguments: someone acted on the step first (a 409).</summary>
    public const string StepActedFirst = "step.actedFirst";

    // Materials
    /// <summary>No arguments: a supply of materials must name at least one.</summary>
    public const string MaterialsNone = "materials.none";
    /// <summary>{0}: material codes.</summary>
    public const string MaterialsUnknown = "materials.unknown";
    /// <summary>No arguments: the case is closed, so no more materials can be supplied.</summary>
    public const string CaseClosed = "case.closed";
    /// <summary>No arguments: no case has this id.</summary>
    public const string CaseNotFound = "case.notFound";

    // Supervision
    /// <summary>No arguments: an urging notice needs its message.</summary>
    public const string UrgingMessageRequired = "urging.message.required";
    /// <summary>No arguments: an urging notice needs its reply due date.</summary>
    public const string UrgingReplyDueRequired = "urging.replyDue.required";
    /// <summary>No arguments: the reply due date must be in the future.</summary>
    public const string UrgingReplyDueFuture = "urging.replyDue.future";
    /// <summary>No arguments: only an open, overdue step can be urged (docs/supervision.md, "Urging notices").</summary>
    public const string UrgingStepNotOverdue = "urging.step.notOverdue";
    /// <summary>No arguments: a reply to an urging notice needs its text.</summary>
    public const string UrgingReplyRequired = "urging.reply.required";
    /// <summary>No arguments: the urging notice was answered already; it takes one reply.</summary>
    public const string UrgingAnswered = "urging.answered";

    /// <summary>{0}: the figure asked for; {1}: the figures there are (docs/supervision.md, Dashboard).</summary>
    public const string SupervisionFigureUnknown = "supervision.figure.unknown";
    /// <summary>{0}: the code asked for: neither a department of the catalogue, <c>frontdesk</c> nor <c>all</c>; {1}: those two words.</summary>
    public const string SupervisionDepartmentUnknown = "supervision.department.unknown";
    /// <summary>No arguments: a period's date is <c>yyyy-MM-dd</c> between 2000 and 2100.</summary>
    public const string PeriodDateInvalid = "period.date.invalid";
    /// <summary>No arguments: a period's start is not after its end.</summary>
    public const string PeriodOrder = "period.order";
    /// <summary>No arguments: a period spans at most ten years.</summary>
    public const string PeriodTooLong = "period.tooLong";

    // Ratings and complaints (docs/supervision.md)
    /// <summary>No arguments: a rating is 1 to 5 stars.</summary>
    public const string RatingStarsRange = "rating.stars.range";
    /// <summary>{0}: the case's matters.</summary>
    public const string RatingMatterNotApplied = "rating.matter.notApplied";
    /// <summary>No arguments: a matter is rated only once its case is closed.</summary>
    public const string RatingCaseOpen = "rating.case.open";
    /// <summary>{0}: the matter; {1}: the case.</summary>
    public const string RatingFinal = "rating.final";
    /// <summary>No arguments: a complaint needs its text.</summary>
    public const string ComplaintTextRequired = "complaint.text.required";
    /// <summary>No arguments: the step complained about is not a step of the case.</summary>
    public const string ComplaintStepUnknown = "complaint.step.unknown";
    /// <summary>No arguments: the department complained about is not in the catalogue.</summary>
    public const string ComplaintDepartmentUnknown = "complaint.department.unknown";
    /// <summary>No arguments: a complaint names the step or the department it is about.</summary>
    public const string ComplaintSubjectMissing = "complaint.subject.missing";
    /// <summary>No arguments: a reply to a complaint needs its text.</summary>
    public const string ComplaintReplyRequired = "complaint.reply.required";
    /// <summary>{0}: the complaint; {1}: its state; {2}: its handler (empty when none).</summary>
    public const string ComplaintStateConflict = "complaint.state.conflict";

    // Working calendar (docs/calendars.md, *Days the calendar does not cover*)
    /// <summary>{0}: the year the working calendar does not cover.</summary>
    public const string CalendarYearUncovered = "calendar.year.uncovered";

    // Input limits (docs/api.md, *Input limits*)
    /// <summary>{0}: the maximum length in characters.</summary>
    public const string TextTooLong = "text.tooLong";
    /// <summary>{0}: the maximum number of items.</summary>
    public const string TooManyItems = "list.tooMany";

    /// <summary>Every code, for the catalogue's completeness test.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(RuleCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

    // Uploaded materials (docs/materials.md)
    /// <summary>Files are uploaded only while the case is open.</summary>
    public const string FileCaseClosed = "file.case.closed";
    /// <summary>{0}: the material code.</summary>
    public const string FileMaterialUnknown = "file.material.unknown";
    /// <summary>{0}: the limit in MB.</summary>
    public const string FileTooLarge = "file.tooLarge";
    /// <summary>An upload with no bytes.</summary>
    public const string FileEmpty = "file.empty";
    /// <summary>{0}: the accepted types.</summary>
    public const string FileTypeRefused = "file.type.refused";
    /// <summary>The request carried no file.</summary>
    public const string FileRequired = "file.required";
    /// <summary>Marking a file defective needs the reason the one-time notice will quote.</summary>
    public const string FileDefectReasonRequired = "file.defect.reasonRequired";
}
