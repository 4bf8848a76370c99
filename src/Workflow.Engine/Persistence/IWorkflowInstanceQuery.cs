using NodaTime;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// Lists, counts and deletes instances (the Studio's instance screen, the definition dependents check). Separate from
/// <see cref="IWorkflowInstanceStore"/> so that the store's save contract stays small; both stores implement both.
/// Reads only instance columns, never the instance's JSON.
/// </summary>
public interface IWorkflowInstanceQuery
{
    /// <summary>The instances matching <paramref name="filter"/> in the given order, one page of them, and how many match.</summary>
    Task<(IReadOnlyList<WorkflowInstanceSummary> Items, int TotalCount)> ListAsync(WorkflowInstanceFilter filter, WorkflowInstanceOrder order, bool descending,
        int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>How many instances match.</summary>
    Task<int> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Deletes the instance with its bookmarks and journal; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>Which instances to list; null members match anything, collections match any of their values.</summary>
public sealed record WorkflowInstanceFilter
{
    /// <summary>Instance ids.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }
    /// <summary>Definition ids (Elsa's <c>definitionId</c>, any version).</summary>
    public IReadOnlyCollection<string>? DefinitionIds { get; init; }
    /// <summary>The definition version number (with <see cref="DefinitionIds"/>).</summary>
    public int? Version { get; init; }
    /// <summary>The exact correlation id.</summary>
    public string? CorrelationId { get; init; }
    /// <summary>Part of the id, name, definition id or correlation id.</summary>
    public string? SearchTerm { get; init; }
    /// <summary>Statuses (Running, Finished).</summary>
    public IReadOnlyCollection<WorkflowStatus>? Statuses { get; init; }
    /// <summary>Sub-statuses (Executing, Suspended, Finished, Cancelled, Faulted ...).</summary>
    public IReadOnlyCollection<WorkflowSubStatus>? SubStatuses { get; init; }
    /// <summary>True: only designers' test runs; false: only production instances.</summary>
    public bool? IsTest { get; init; }
    /// <summary>True: only faulted instances; false: only those without a fault.</summary>
    public bool? HasFault { get; init; }

    /// <summary>The filter applied to one summary (the in-memory store; the EF store translates it to SQL).</summary>
    public bool Matches(WorkflowInstanceSummary i) =>
        (Ids is null || Ids.Contains(i.Id))
        && (DefinitionIds is null || DefinitionIds.Contains(i.DefinitionId))
        && (Version is null || i.DefinitionVersion == Version)
        && (CorrelationId is null || i.CorrelationId == CorrelationId)
        && (string.IsNullOrEmpty(SearchTerm) || new[] { i.Id, i.Name, i.DefinitionId, i.CorrelationId }.Any(t => t?.Contains(SearchTerm, StringComparison.OrdinalIgnoreCase) == true))
        && (Statuses is null || Statuses.Contains(i.Status))
        && (SubStatuses is null || SubStatuses.Contains(i.SubStatus))
        && (IsTest is null || i.IsTest == IsTest)
        && (HasFault is null || i.HasFault == HasFault);

    /// <summary>Instances that still run (not finished, cancelled or faulted) of one definition, or one of its versions.</summary>
    public static WorkflowInstanceFilter LiveOf(string definitionId, int? version) =>
        new() { DefinitionIds = [definitionId], Version = version, Statuses = [WorkflowStatus.Running] };
}

/// <summary>What a list is ordered by.</summary>
public enum WorkflowInstanceOrder
{
    /// <summary>By creation instant.</summary>
    Created,
    /// <summary>By the instant of the last save.</summary>
    Updated,
    /// <summary>By the instant it finished (unfinished ones have none).</summary>
    Finished,
    /// <summary>By instance name (ordinal).</summary>
    Name,
}

/// <summary>One instance as lists show it (no variables, execution state or bookmarks).</summary>
public sealed record WorkflowInstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    string? CorrelationId,
    string? Name,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    bool IsTest,
    bool HasFault,
    Instant CreatedAt,
    Instant UpdatedAt,
    Instant? FinishedAt)
{
    /// <summary>The summary of a loaded instance (what the stores read from columns, computed here from the object).</summary>
    public static WorkflowInstanceSummary Of(WorkflowInstance i) => new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.CorrelationId,
        i.Name, i.Status, i.SubStatus, i.IsTest, i.Fault is not null, i.CreatedAt, i.UpdatedAt, i.FinishedAt);
}
