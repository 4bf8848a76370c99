using NodaTime;
using Workflow.Definitions.Review;

namespace Workflow.Definitions.Cases;

/// <summary>
/// One human step (环节) of a case, with its whole history. The case file holds these; the step table that
/// inboxes and supervision query is projected from them on every save.
/// </summary>
public sealed class StepRecord
{
    /// <summary>Stable id (survives supplement rounds, unlike bookmark ids).</summary>
    public required string Id { get; init; }
    /// <summary>The activity that owns the step.</summary>
    public required string ActivityId { get; init; }
    /// <summary>What kind of step this is, which fixes its inbox and outcomes (docs/domain.md, "Steps").</summary>
    public required StepKind Kind { get; init; }
    /// <summary>The department whose inbox holds it; <c>frontdesk</c> for intake.</summary>
    public required string Department { get; init; }
    /// <summary>The matter reviewed, for review and joint steps; null for intake.</summary>
    public string? MatterCode { get; init; }
    /// <summary>What the step is, in the users' words (e.g. 施工许可审查 · 住房城乡建设).</summary>
    public required string Title { get; init; }
    /// <summary>The post (岗位) within the department that should act, when the workflow names one.</summary>
    public string? Post { get; init; }
    /// <summary>The user the workflow assigned the step to; null when anyone of the department may act.</summary>
    public string? Assignee { get; init; }
    /// <summary>For intake steps: whether the workflow allows acceptance with waiver (the activity's <c>allowWaiver</c>).</summary>
    public bool WaiverAllowed { get; init; }
    /// <summary>Open, waiting for supplement, completed or cancelled; changed only through the case file's methods.</summary>
    public StepState State { get; set; } = StepState.Open;
    /// <summary>When the step opened; its clocks count from here.</summary>
    public required Instant CreatedAt { get; init; }
    /// <summary>法定时限 in working days (0 for steps without their own clock, e.g. intake).</summary>
    public int StatutoryLimit { get; init; }
    /// <summary>承诺时限 in working days.</summary>
    public int PromisedLimit { get; init; }
    /// <summary>When the step's clocks stood still (its own supplement requests).</summary>
    public List<ClockSuspension> Suspensions { get; init; } = [];
    /// <summary>Every time the step asked the applicant for materials, with what was missing.</summary>
    public List<SupplementRequest> SupplementRequests { get; init; } = [];
    /// <summary>The outcome of a step closed without an action (its activity completed first).</summary>
    public const string CancelledOutcome = "Cancelled";

    /// <summary>The outcome acted (an outcome name of the step's activity), or <see cref="CancelledOutcome"/>.</summary>
    public string? Outcome { get; set; }
    /// <summary>The opinion text of the action that closed the step.</summary>
    public string? Opinion { get; set; }
    /// <summary>The conditions attached to an approval or agreement; empty otherwise.</summary>
    public List<string> Conditions { get; set; } = [];
    /// <summary>Who acted on the step; <c>system</c> for timers; null while open.</summary>
    public string? Actor { get; set; }
    /// <summary>When the step was closed; null while open.</summary>
    public Instant? CompletedAt { get; set; }
    /// <summary>The bookmark an action on this step resumes; null once closed.</summary>
    public string? BookmarkId { get; set; }
    /// <summary>Due instants as last computed (null for steps without clocks); refreshed on every change.</summary>
    public Instant? StatutoryDue { get; set; }
    /// <summary>When the step's promised limit runs out (see <see cref="StatutoryDue"/>).</summary>
    public Instant? PromisedDue { get; set; }
    /// <summary>Incremented on every change; the step's ETag.</summary>
    public int Version { get; set; } = 1;

    /// <summary>True while the step still waits for an action: open, or waiting for the applicant's supplement.</summary>
    public bool IsOpen => State is StepState.Open or StepState.WaitingForSupplement;
}
