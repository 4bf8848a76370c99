using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Tracking;

/// <summary>A case (办件) in a list, from its projection row: where it stands and its clocks, read at one instant.</summary>
public sealed record CaseSummary(
    string Id,
    string ProjectId,
    string ProjectName,
    Stage? Stage,
    IReadOnlyList<string> Matters,
    CaseState State,
    bool GreenChannel,
    Instant SubmittedAt,
    Instant? AcceptedAt,
    Instant? StatutoryDue,
    Instant? PromisedDue,
    bool Suspended,
    int OpenCommitments,
    int RepeatedReturns,
    int MissingMaterials,
    string? Decision,
    string? CertificateNumber,
    ClocksReading? Clocks)
{
    /// <summary>The number people read and search (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The case of a projection row; an open case's clocks read at <paramref name="at"/>, a closed case's when it closed.</summary>
    public static CaseSummary Of(CaseRow row, WorkingCalendar calendar, Instant at) => new(
        row.Id, row.ProjectId, row.ProjectName, row.Stage,
        row.Matters.Split(',', StringSplitOptions.RemoveEmptyEntries), row.State, row.GreenChannel,
        row.SubmittedAt, row.AcceptedAt, row.StatutoryDue, row.PromisedDue, row.Suspended, row.OpenCommitments, row.RepeatedReturns,
        row.MissingMaterials, row.Decision, row.CertificateNumber,
        row.AcceptedAt is { } accepted
            ? ClocksReading.OfRow(calendar, accepted, row.StatutoryLimit, row.PromisedLimit, row.Suspensions, row.ClosedAt ?? at)
            : null)
    {
        CaseNumber = row.CaseNumber,
    };
}
