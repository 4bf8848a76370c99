using NodaTime;

namespace Workflow.Engine.Persistence.EntityFramework;

// The tables' rows. They are separate from the runtime's types on purpose: the runtime's types may grow
// without a schema change, and every column is named and converted in one place (WorkflowEngineModule).

internal sealed class DefinitionRow
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public required string Json { get; set; }
    public Instant CreatedAt { get; set; }
    public long RowVersion { get; set; }

    public StoredDefinition ToStored() =>
        new(Id, DefinitionId, Version, Name, Description, IsLatest, IsPublished, Json, CreatedAt, RowVersion);
}

internal sealed class InstanceRow
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string DefinitionVersionId { get; set; }
    public string? CorrelationId { get; set; }
    public string? Name { get; set; }
    public bool IsTest { get; set; }
    public required string Status { get; set; }
    public required string SubStatus { get; set; }
    public required string Input { get; set; }
    public required string Variables { get; set; }
    /// <summary>Workflow output (Elsa.SetOutput) as JSON; <c>{}</c> when none.</summary>
    public string Output { get; set; } = "{}";
    /// <summary>The whole execution state as JSON when <see cref="StateInParts"/> is false (instances saved before parts); <c>{}</c> otherwise.</summary>
    public required string ExecutionState { get; set; }
    /// <summary>True when the execution state is in <c>wf_state_parts</c> (docs/persistence.md, *Execution state in parts*).</summary>
    public bool StateInParts { get; set; }
    public string? Fault { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public Instant? FinishedAt { get; set; }
    public long Version { get; set; }
}

internal sealed class BookmarkRow
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    /// <summary>Position in the instance's bookmark list, so the list loads in the order it was saved.</summary>
    public int Ordinal { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public required string NodeId { get; set; }
    public required string Kind { get; set; }
    public string? Payload { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? ResumeAt { get; set; }
    /// <summary>Which worker holds the timer's lease (IDueBookmarkClaimer); null when unclaimed.</summary>
    public string? ClaimedBy { get; set; }
    public Instant? ClaimedUntil { get; set; }
}

/// <summary>One part of an instance's execution state (<see cref="StateParts"/>).</summary>
internal sealed class StatePartRow
{
    public required string InstanceId { get; set; }
    /// <summary>Where the part sits in the state: a JSON Pointer (RFC 6901).</summary>
    public required string Pointer { get; set; }
    /// <summary>When the part was first written, relative to the instance's other parts: the order objects are rebuilt in.</summary>
    public int Ordinal { get; set; }
    public required string Value { get; set; }
}

internal sealed class JournalRow
{
    public required string InstanceId { get; set; }
    public long Sequence { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public required string NodeId { get; set; }
    public required string EventKind { get; set; }
    public string? Outcome { get; set; }
    public Instant OccurredAt { get; set; }
    public string? Data { get; set; }
}

internal sealed class IdempotencyRow
{
    public required string Scope { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public required string ResponseJson { get; set; }
    public Instant CreatedAt { get; set; }
}
