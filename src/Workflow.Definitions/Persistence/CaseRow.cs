using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.Persistence;

/// <summary>The queryable projection of a case (办件); the truth is the case file inside its workflow instance.</summary>
public sealed class CaseRow
{
    /// <summary>The case number (<see cref="Cases.CaseFile.CaseId"/>).</summary>
    public required string Id { get; set; }
    /// <summary>The workflow instance that holds the case file, the truth this row projects.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The case number (<c>2026-3-000123</c>); unique.</summary>
    public string? CaseNumber { get; set; }
    /// <summary>The query code of the public progress lookup (<see cref="CaseNumbers.QueryCodes"/>).</summary>
    public string? QueryCode { get; set; }
    /// <summary>The project the case belongs to (<see cref="ProjectRow.Id"/>).</summary>
    public required string ProjectId { get; set; }
    /// <summary>The stage applied for (stored by name); null when the workflow was started without a filing.</summary>
    public Stage? Stage { get; set; }
    /// <summary>Matter codes, comma-separated.</summary>
    public required string Matters { get; set; }
    /// <summary>The case state, stored by name (the list queries and index filters compare the names).</summary>
    public required CaseState State { get; set; }
    /// <summary>The user name of the project agent who filed the case; agents see only their own cases.</summary>
    public required string Agent { get; set; }
    /// <summary>Key project (绿色通道): shorter promised limits and inbox priority.</summary>
    public bool GreenChannel { get; set; }
    /// <summary>When the application was filed.</summary>
    public Instant SubmittedAt { get; set; }
    /// <summary>受理 time, when the case's clocks start; null until accepted.</summary>
    public Instant? AcceptedAt { get; set; }
    /// <summary>视为受理: <see cref="AcceptedAt"/> is the day of receipt because the intake clock ran out undecided (docs/domain.md, *The intake clock*).</summary>
    public bool DeemedAccepted { get; set; }
    /// <summary>When the case's statutory limit runs out, suspensions included; null until accepted.</summary>
    public Instant? StatutoryDue { get; set; }
    /// <summary>When the case's promised limit runs out, suspensions included; null until accepted.</summary>
    public Instant? PromisedDue { get; set; }
    /// <summary>Whether the case's clocks stand still now.</summary>
    public bool Suspended { get; set; }
    /// <summary>How many repeated returns (反复退件) the case counts (docs/supervision.md, "Repeated returns").</summary>
    public int RepeatedReturns { get; set; }
    /// <summary>How many commitments to supply waived materials are still open.</summary>
    public int OpenCommitments { get; set; }
    /// <summary>The earliest due instant of an open commitment (for supervision of overdue commitments).</summary>
    public Instant? CommitmentDue { get; set; }
    /// <summary>
    /// The issued decision (<c>Approved</c>, <c>Rejected</c>, <c>Revoked</c>); null until the result is issued.
    /// </summary>
    public string? Decision { get; set; }
    /// <summary>The number of the issued licence or certificate; null until issued.</summary>
    public string? CertificateNumber { get; set; }
    /// <summary>The calendar version the due instants were computed on (open clocks on an older one are recomputed).</summary>
    public string? CalendarVersion { get; set; }
    /// <summary>When the workflow last saved the case (the instant of the projection).</summary>
    public Instant UpdatedAt { get; set; }

    // What lists need to read the case's clocks and show it without the case file (docs/persistence.md, Schema).
    /// <summary>The project's name, copied so lists need not join the project.</summary>
    public string ProjectName { get; set; } = "";
    /// <summary>The working-day calendar the case's clocks count on.</summary>
    public string CalendarId { get; set; } = "";
    /// <summary>法定时限 of the case in working days, counted from <see cref="AcceptedAt"/>.</summary>
    public int StatutoryLimit { get; set; }
    /// <summary>承诺时限 of the case in working days, counted from <see cref="AcceptedAt"/>.</summary>
    public int PromisedLimit { get; set; }
    /// <summary>The case's clock suspensions, <see cref="StoredSuspensions"/>.</summary>
    public string Suspensions { get; set; } = "";
    /// <summary>How many distinct materials are not handed in.</summary>
    public int MissingMaterials { get; set; }
    /// <summary>For a closed case, the instant its clocks are read at: the result, else its last completed step.</summary>
    public Instant? ClosedAt { get; set; }

    // What the project tracker needs beyond lists (permits step 4), so that it never reads a case file.
    /// <summary>What the applicant owes (<see cref="Cases.CaseFile.Owed"/>), as JSON; read through <see cref="OwedMaterials"/>.</summary>
    public string Owed { get; set; } = "[]";
    /// <summary>The workflow the case runs (<see cref="Cases.CaseFile.Workflow"/>), as JSON; null for cases filed before bindings.</summary>
    public string? Workflow { get; set; }

    /// <summary>What the applicant owes, decoded from <see cref="Owed"/>.</summary>
    public IReadOnlyList<Cases.OwedMaterial> OwedMaterials() => StoredOwed.Decode(Owed);

    /// <summary>The workflow the case runs, decoded from <see cref="Workflow"/>.</summary>
    public Cases.CaseWorkflow? CaseWorkflow() => StoredWorkflow.Decode(Workflow);
}
