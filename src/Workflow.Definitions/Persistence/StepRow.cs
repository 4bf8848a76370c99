using NodaTime;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The queryable projection of a human step (环节): inboxes and supervision read this table, never instance JSON.
/// Rows are never deleted: completed and cancelled steps stay for the record.
/// </summary>
public sealed class StepRow
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string InstanceId { get; set; }
    public required string ProjectId { get; set; }
    public required string ActivityId { get; set; }
    public required string Kind { get; set; }
    /// <summary>The department code whose inbox holds it (<c>frontdesk</c> for intake).</summary>
    public required string Department { get; set; }
    public string? Matter { get; set; }
    public required string Title { get; set; }
    public string? Post { get; set; }
    public string? Assignee { get; set; }
    public required string State { get; set; }
    public bool GreenChannel { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? StatutoryDue { get; set; }
    public Instant? PromisedDue { get; set; }
    public Instant? CompletedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Actor { get; set; }
    public string? BookmarkId { get; set; }
    public int Version { get; set; }
    public int SupplementRequests { get; set; }
    public int RepeatedReturns { get; set; }

    // What lists need to read the step's clocks without the case file; the clocks start at CreatedAt.
    public int StatutoryLimit { get; set; }
    public int PromisedLimit { get; set; }
    /// <summary>The step's clock suspensions, <see cref="StoredSuspensions"/>.</summary>
    public string Suspensions { get; set; } = "";
}
