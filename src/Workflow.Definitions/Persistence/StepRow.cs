using NodaTime;
using Workflow.Definitions.Cases;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The queryable projection of a human step (环节): inboxes and supervision read this table, never instance JSON.
/// Rows are never deleted: completed and cancelled steps stay for the record.
/// </summary>
public sealed class StepRow
{
    /// <summary>
    /// The step's stable id (<see cref="Cases.StepRecord.Id"/>), the key actions on <c>/api/steps/{id}</c> use.
    /// </summary>
    public required string Id { get; set; }
    /// <summary>The case the step belongs to.</summary>
    public required string CaseId { get; set; }
    /// <summary>The workflow instance an action on the step resumes.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The project of the step's case, so an agent's lists filter without a join.</summary>
    public required string ProjectId { get; set; }
    /// <summary>The activity that owns the step.</summary>
    public required string ActivityId { get; set; }
    /// <summary>The step kind, stored by name, which fixes its outcomes (docs/domain.md, "Steps").</summary>
    public required StepKind Kind { get; set; }
    /// <summary>The department code whose inbox holds it (<c>frontdesk</c> for intake).</summary>
    public required string Department { get; set; }
    /// <summary>The matter reviewed, for review and joint steps; null for intake.</summary>
    public string? Matter { get; set; }
    /// <summary>What the step is, in the users' words, as inboxes show it.</summary>
    public required string Title { get; set; }
    /// <summary>The post (岗位) within the department that should act; null when the workflow names none.</summary>
    public string? Post { get; set; }
    /// <summary>The user the step is assigned to; null when the workflow names none.</summary>
    public string? Assignee { get; set; }
    /// <summary>The step state, stored by name (inbox and supervision queries and index filters compare the names).</summary>
    public required StepState State { get; set; }
    /// <summary>Whether the case is a key project (绿色通道), which puts the step first in inboxes.</summary>
    public bool GreenChannel { get; set; }
    /// <summary>When the step opened; its clocks count from here.</summary>
    public Instant CreatedAt { get; set; }
    /// <summary>When the step's statutory limit runs out, suspensions included; null for steps without clocks.</summary>
    public Instant? StatutoryDue { get; set; }
    /// <summary>When the step's promised limit runs out, suspensions included; null for steps without clocks.</summary>
    public Instant? PromisedDue { get; set; }
    /// <summary>When the step was closed; null while open.</summary>
    public Instant? CompletedAt { get; set; }
    /// <summary>The outcome acted, or <c>Cancelled</c>; null while open.</summary>
    public string? Outcome { get; set; }
    /// <summary>Who acted on the step; null while open.</summary>
    public string? Actor { get; set; }
    /// <summary>
    /// The bookmark an action on the step resumes now; null once closed (it changes with every supplement round).
    /// </summary>
    public string? BookmarkId { get; set; }
    /// <summary>The step's version, incremented on every change: its ETag, so a stale action is a 409.</summary>
    public int Version { get; set; }
    /// <summary>How many times the step asked the applicant for materials.</summary>
    public int SupplementRequests { get; set; }
    /// <summary>How many repeated returns (反复退件) the step counts (docs/supervision.md, "Repeated returns").</summary>
    public int RepeatedReturns { get; set; }

    // What lists need to read the step's clocks without the case file; the clocks start at CreatedAt.
    /// <summary>法定时限 of the step in working days, counted from <see cref="CreatedAt"/> (0 for steps without clocks).</summary>
    public int StatutoryLimit { get; set; }
    /// <summary>承诺时限 of the step in working days, counted from <see cref="CreatedAt"/>.</summary>
    public int PromisedLimit { get; set; }
    /// <summary>The step's clock suspensions, <see cref="StoredSuspensions"/>.</summary>
    public string Suspensions { get; set; } = "";

    // When the open step's clocks (its own, else its case's) reach each level; none for other states (a step waiting
    // for a supplement is counted as waiting, never as late): the supervisor's counts and attention list
    // compare them with the reading instant in SQL (docs/supervision.md, "Counting at scale"; Cases.LevelInstants).
    /// <summary>From when the step is in warning or worse; null: never while the row stands (<see cref="LevelInstants.WarningAt"/>).</summary>
    public Instant? WarningAt { get; set; }
    /// <summary>From when the step is overdue; null: never while the row stands (<see cref="LevelInstants.OverdueAt"/>).</summary>
    public Instant? OverdueAt { get; set; }
    /// <summary>
    /// True for the open rows that existed before <see cref="WarningAt"/> and <see cref="OverdueAt"/> did, until
    /// <see cref="StepLevelBackfill"/> computes them (once, at start-up); every save writes false.
    /// </summary>
    public bool LevelsPending { get; set; }

    /// <summary>Stores <paramref name="levels"/> on the row.</summary>
    public void SetLevels(LevelInstants levels)
    {
        WarningAt = levels.WarningAt;
        OverdueAt = levels.OverdueAt;
        LevelsPending = false;
    }
}
