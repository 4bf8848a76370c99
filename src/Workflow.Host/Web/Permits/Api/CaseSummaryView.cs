using NodaTime;
using Workflow.Definitions.Persistence;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>A case (办件) in a list: where it stands and its due instants, without the case file.</summary>
public sealed record CaseSummaryView(string Id, string ProjectId, string? Stage, IReadOnlyList<string> Matters, string State, bool GreenChannel,
    Instant SubmittedAt, Instant? AcceptedAt, Instant? StatutoryDue, Instant? PromisedDue, bool Suspended, int OpenCommitments, int RepeatedReturns,
    string? Decision, string? CertificateNumber)
{
    public static CaseSummaryView From(CaseRow row) => new(row.Id, row.ProjectId, row.Stage, row.Matters.Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.State, row.GreenChannel, row.SubmittedAt, row.AcceptedAt, row.StatutoryDue, row.PromisedDue, row.Suspended, row.OpenCommitments,
        row.RepeatedReturns, row.Decision, row.CertificateNumber);
}
