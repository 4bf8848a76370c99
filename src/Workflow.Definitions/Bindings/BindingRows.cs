using NodaTime;

namespace Workflow.Definitions.Bindings;

/// <summary>A row of <c>permit_bindings</c>: one binding in force, keyed by <see cref="BindingScope.Key"/>.</summary>
internal sealed class BindingRow
{
    public string ScopeKey { get; set; } = "";
    public string Stage { get; set; } = "";
    public string? Matter { get; set; }
    public string? ProjectKind { get; set; }
    public string DefinitionId { get; set; } = "";
    public string ChangedBy { get; set; } = "";
    public Instant ChangedAt { get; set; }
}

/// <summary>A row of <c>permit_binding_changes</c>: the append-only audit of binding changes (who, when, before and after).</summary>
internal sealed class BindingChangeRow
{
    /// <summary>Assigned by the database in insertion order.</summary>
    public long Id { get; set; }
    public string ScopeKey { get; set; } = "";
    public string? BeforeDefinitionId { get; set; }
    public string? AfterDefinitionId { get; set; }
    public string Actor { get; set; } = "";
    public Instant At { get; set; }
}
