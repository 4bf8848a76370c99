namespace Workflow.Definitions.Messages;

/// <summary>
/// Every message the permit domain raises (rule violations and conflicts). The Host's catalogue has a Chinese and an
/// English text for each, with the arguments named in the comment ({0}, {1} …); a test walks this list.
/// </summary>
public static class RuleCodes
{
    // Projects
    public const string ProjectCodeRequired = "project.code.required";
    public const string ProjectNameRequired = "project.name.required";
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
    public const string IntakeCannotAcceptDefective = "intake.accept.defective";
    public const string IntakeWaiverNotAllowed = "intake.waiver.notAllowed";
    /// <summary>{0}: the missing core materials.</summary>
    public const string IntakeWaiverCoreMissing = "intake.waiver.coreMissing";
    public const string IntakeWaiverNothingMissing = "intake.waiver.nothingMissing";
    public const string IntakeCommitmentUnsigned = "intake.commitment.unsigned";
    public const string IntakeNoticeEmpty = "intake.notice.empty";
    public const string IntakeRefusalReason = "intake.refusal.reason";

    // Review and joint review
    public const string ReviewSupplementEmpty = "review.supplement.empty";
    /// <summary>{0}: material codes.</summary>
    public const string ReviewSupplementUnknown = "review.supplement.unknown";
    public const string ReviewSupplementReason = "review.supplement.reason";
    public const string ReviewConditionsMissing = "review.conditions.missing";
    public const string ReviewRejectionReason = "review.rejection.reason";
    public const string JointDisagreementReason = "joint.disagreement.reason";
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
    public const string StepNotFound = "step.notFound";
    public const string StepClosed = "step.closed";
    public const string StepWaitingForSupplement = "step.waitingForSupplement";
    public const string StepChanged = "step.changed";
    public const string StepNotWaiting = "step.notWaiting";
    public const string StepActedFirst = "step.actedFirst";

    // Materials
    public const string MaterialsNone = "materials.none";
    /// <summary>{0}: material codes.</summary>
    public const string MaterialsUnknown = "materials.unknown";
    public const string CaseClosed = "case.closed";
    public const string CaseNotFound = "case.notFound";

    // Supervision
    public const string UrgingMessageRequired = "urging.message.required";
    public const string UrgingReplyDueRequired = "urging.replyDue.required";
    public const string UrgingReplyDueFuture = "urging.replyDue.future";
    public const string UrgingStepNotOverdue = "urging.step.notOverdue";
    public const string UrgingReplyRequired = "urging.reply.required";
    public const string UrgingAnswered = "urging.answered";

    // Ratings and complaints (docs/supervision.md)
    public const string RatingStarsRange = "rating.stars.range";
    /// <summary>{0}: the case's matters.</summary>
    public const string RatingMatterNotApplied = "rating.matter.notApplied";
    public const string RatingCaseOpen = "rating.case.open";
    /// <summary>{0}: the matter; {1}: the case.</summary>
    public const string RatingFinal = "rating.final";
    public const string ComplaintTextRequired = "complaint.text.required";
    public const string ComplaintStepUnknown = "complaint.step.unknown";
    public const string ComplaintDepartmentUnknown = "complaint.department.unknown";
    public const string ComplaintSubjectMissing = "complaint.subject.missing";
    public const string ComplaintReplyRequired = "complaint.reply.required";
    /// <summary>{0}: the complaint; {1}: its state; {2}: its handler (empty when none).</summary>
    public const string ComplaintStateConflict = "complaint.state.conflict";

    // Input limits (docs/api.md, *Input limits*)
    /// <summary>{0}: the maximum length in characters.</summary>
    public const string TextTooLong = "text.tooLong";
    /// <summary>{0}: the maximum number of items.</summary>
    public const string TooManyItems = "list.tooMany";

    /// <summary>Every code, for the catalogue's completeness test.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(RuleCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
