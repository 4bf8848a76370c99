namespace Workflow.Definitions.Cases;

/// <summary>What a human step (环节) is for; decides which outcomes it offers and whose inbox it lands in.</summary>
public enum StepKind
{
    /// <summary>一窗受理 at the front desk.</summary>
    Intake,
    /// <summary>A department's review of one matter (standalone or a branch of a parallel review).</summary>
    Review,
    /// <summary>A participating department's opinion in a joint review or joint site inspection.</summary>
    JointOpinion,
    /// <summary>The lead department's consolidation of the joint opinions.</summary>
    JointConsolidation,
    /// <summary>Completing a special procedure that lasts until someone says it is over.</summary>
    SpecialProcedure,
}
