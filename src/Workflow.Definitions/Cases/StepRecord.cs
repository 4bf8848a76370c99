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
    public required StepKind Kind { get; init; }
    /// <summary>The department whose inbox holds it; <c>frontdesk</c> for intake.</summary>
    public required string Department { get; init; }
    public string? MatterCode { get; init; }
    /// <summary>What the step is, in the users' words (e.g. 施工许可审查 · 住房城乡建设).</summary>
    public required string Title { get; init; }
    public string? Post { get; init; }
    public string? Assignee { get; init; }
    /// <summary>For intake steps: whether the workflow allows acceptance with waiver (the activity's <c>allowWaiver</c>).</summary>
    public bool WaiverAllowed { get; init; }
    public StepState State { get; set; } = StepState.Open;
    public required Instant CreatedAt { get; init; }
    /// <summary>法定时限 in working days (0 for steps without their own clock, e.g. intake).</summary>
    public int StatutoryLimit { get; init; }
    /// <summary>承诺时限 in working days.</summary>
    public int PromisedLimit { get; init; }
    /// <summary>When the step's clocks stood still (its own supplement requests).</summary>
    public List<ClockSuspension> Suspensions { get; init; } = [];
    public List<SupplementRequest> SupplementRequests { get; init; } = [];
    /// <summary>The outcome of a step closed without an action (its activity completed first).</summary>
    public const string CancelledOutcome = "Cancelled";

    /// <summary>The outcome acted (an outcome name of the step's activity), or <see cref="CancelledOutcome"/>.</summary>
    public string? Outcome { get; set; }
    public string? Opinion { get; set; }
    public List<string> Conditions { get; set; } = [];
    public string? Actor { get; set; }
    public Instant? CompletedAt { get; set; }
    /// <summary>The bookmark an action on this step resumes; null once closed.</summary>
    public string? BookmarkId { get; set; }
    /// <summary>Due instants as last computed (null for steps without clocks); refreshed on every change.</summary>
    public Instant? StatutoryDue { get; set; }
    public Instant? PromisedDue { get; set; }
    /// <summary>Incremented on every change; the step's ETag.</summary>
    public int Version { get; set; } = 1;

    public bool IsOpen => State is StepState.Open or StepState.WaitingForSupplement;
}
