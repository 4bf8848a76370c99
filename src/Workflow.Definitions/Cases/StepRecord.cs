using System.Text.Json.Serialization;
using NodaTime;
using Workflow.Definitions.Review;

namespace Workflow.Definitions.Cases;

/// <summary>
/// One human step (环节) of a case, with its whole history. The case file holds these; the step table that
/// inboxes and supervision query is projected from them on every save. It changes only through the case file's
/// methods and the step flows of this assembly; the setters are internal (and <c>[JsonInclude]</c> for the JSON reader).
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
    [JsonInclude]
    public StepState State { get; internal set; } = StepState.Open;
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
    [JsonInclude]
    public string? Outcome { get; internal set; }
    /// <summary>The opinion text of the action that closed the step.</summary>
    [JsonInclude]
    public string? Opinion { get; internal set; }
    /// <summary>The conditions attached to an approval or agreement; empty otherwise.</summary>
    [JsonInclude]
    public List<string> Conditions { get; internal set; } = [];
    /// <summary>Who acted on the step; <c>system</c> for timers; null while open.</summary>
    [JsonInclude]
    public string? Actor { get; internal set; }
    /// <summary>When the step was closed; null while open.</summary>
    [JsonInclude]
    public Instant? CompletedAt { get; internal set; }
    /// <summary>The bookmark an action on this step resumes; null once closed.</summary>
    [JsonInclude]
    public string? BookmarkId { get; internal set; }
    /// <summary>Due instants as last computed (null for steps without clocks); refreshed on every change.</summary>
    [JsonInclude]
    public Instant? StatutoryDue { get; internal set; }
    /// <summary>When the step's promised limit runs out (see <see cref="StatutoryDue"/>).</summary>
    [JsonInclude]
    public Instant? PromisedDue { get; internal set; }
    /// <summary>Incremented on every change; the step's ETag.</summary>
    [JsonInclude]
    public int Version { get; internal set; } = 1;

    /// <summary>True while the step still waits for an action: open, or waiting for the applicant's supplement.</summary>
    public bool IsOpen => State is StepState.Open or StepState.WaitingForSupplement;
}
