namespace Workflow.Host.Web.Tracking;

/// <summary>How a matter of a project stands on the tracker grid; each has its colour.</summary>
public enum CellState
{
    /// <summary>No application names the matter yet.</summary>
    NotApplied,
    /// <summary>Filed, waiting at the intake window.</summary>
    AtWindow,
    /// <summary>In review, both clocks on time.</summary>
    OnTime,
    /// <summary>In review, a clock in its warning band.</summary>
    Warning,
    /// <summary>In review, a clock past due.</summary>
    Overdue,
    /// <summary>The applicant owes materials: a one-time notice, a supplement request or an open commitment.</summary>
    WaitingForSupplement,
    /// <summary>The stage's result was issued.</summary>
    Issued,
    /// <summary>Refused at intake, rejected or revoked.</summary>
    Rejected,
}
