using NodaTime;

namespace Workflow.Definitions.Persistence;

/// <summary>The queryable projection of a case (办件); the truth is the case file inside its workflow instance.</summary>
public sealed class CaseRow
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    /// <summary>The case number (<c>2026-3-000123</c>); unique.</summary>
    public string? CaseNumber { get; set; }
    /// <summary>The query code of the public progress lookup (<see cref="CaseNumbers.QueryCodes"/>).</summary>
    public string? QueryCode { get; set; }
    public required string ProjectId { get; set; }
    public string? Stage { get; set; }
    /// <summary>Matter codes, comma-separated.</summary>
    public required string Matters { get; set; }
    public required string State { get; set; }
    public required string Agent { get; set; }
    public bool GreenChannel { get; set; }
    public Instant SubmittedAt { get; set; }
    public Instant? AcceptedAt { get; set; }
    public Instant? StatutoryDue { get; set; }
    public Instant? PromisedDue { get; set; }
    /// <summary>Whether the case's clocks stand still now.</summary>
    public bool Suspended { get; set; }
    public int RepeatedReturns { get; set; }
    public int OpenCommitments { get; set; }
    /// <summary>The earliest due instant of an open commitment (for supervision of overdue commitments).</summary>
    public Instant? CommitmentDue { get; set; }
    public string? Decision { get; set; }
    public string? CertificateNumber { get; set; }
    /// <summary>The calendar version the due instants were computed on (open clocks on an older one are recomputed).</summary>
    public string? CalendarVersion { get; set; }
    public Instant UpdatedAt { get; set; }

    // What lists need to read the case's clocks and show it without the case file (docs/persistence.md, Schema).
    public string ProjectName { get; set; } = "";
    public string CalendarId { get; set; } = "";
    public int StatutoryLimit { get; set; }
    public int PromisedLimit { get; set; }
    /// <summary>The case's clock suspensions, <see cref="StoredSuspensions"/>.</summary>
    public string Suspensions { get; set; } = "";
    /// <summary>How many distinct materials are not handed in.</summary>
    public int MissingMaterials { get; set; }
    /// <summary>For a closed case, the instant its clocks are read at: the result, else its last completed step.</summary>
    public Instant? ClosedAt { get; set; }
}
