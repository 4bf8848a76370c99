using NodaTime;

namespace Workflow.Definitions.Ledger;

/// <summary>
/// One case of the ledger. Working days used: elapsed on the statutory clock (the case's calendar, its suspensions) from
/// acceptance to closing, or to the export instant while open; null before acceptance. Cards: every yellow (warning) and red
/// (overdue) card of the case, its steps' and commitments' included. Rating: the mean stars of its rated matters
/// (docs/feedback.md), null while none is rated.
/// </summary>
public sealed record LedgerCase(
    string CaseId, string ProjectName, string? Stage, string Matters, string Agent, string State, bool GreenChannel,
    Instant SubmittedAt, Instant? AcceptedAt, int StatutoryLimit, int PromisedLimit, Instant? StatutoryDue, Instant? PromisedDue,
    Instant? ClosedAt, double? WorkingDaysUsed, int Suspensions, string? Outcome, string? CertificateNumber, int RepeatedReturns,
    int YellowCards, int RedCards, double? Rating)
{
    /// <summary>The case number people read (docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>视为受理: <see cref="AcceptedAt"/> is the day of receipt, the intake clock having run out undecided (docs/domain.md, *The intake clock*).</summary>
    public bool DeemedAccepted { get; init; }
}

/// <summary>
/// One step of the ledger. Working days used: elapsed on the step's statutory clock from its opening to its completion, or
/// to the export instant; null for steps without a clock (intake steps opened before the intake clock existed). Cards: the
/// step's own yellow and red cards.
/// </summary>
public sealed record LedgerStep(
    string StepId, string CaseId, string ProjectName, string Department, string Kind, string Title, string? Matter, string State,
    Instant CreatedAt, int StatutoryLimit, int PromisedLimit, Instant? StatutoryDue, Instant? PromisedDue, Instant? CompletedAt,
    double? WorkingDaysUsed, int Suspensions, string? Outcome, string? Actor, int SupplementRequests, int RepeatedReturns,
    int YellowCards, int RedCards, double? Rating)
{
    /// <summary>The number of the step's case.</summary>
    public string? CaseNumber { get; init; }
}
