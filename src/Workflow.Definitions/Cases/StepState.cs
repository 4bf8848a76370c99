namespace Workflow.Definitions.Cases;

/// <summary>The life of a step.</summary>
public enum StepState
{
    /// <summary>In the department's inbox, waiting for an action.</summary>
    Open,
    /// <summary>The reviewer asked for materials; the step's clocks are stopped until the applicant resubmits.</summary>
    WaitingForSupplement,
    /// <summary>Acted on; <see cref="StepRecord.Outcome"/> says how.</summary>
    Completed,
    /// <summary>Closed without an action because the review it belonged to was decided without it.</summary>
    Cancelled,
}
