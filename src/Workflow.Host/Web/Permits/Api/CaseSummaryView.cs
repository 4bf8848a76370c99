using NodaTime;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>A case (办件) in a list: where it stands and its due instants, without the case file.</summary>
public sealed record CaseSummaryView(string Id, string ProjectId, string? Stage, IReadOnlyList<string> Matters, string State, bool GreenChannel,
    Instant SubmittedAt, Instant? AcceptedAt, Instant? StatutoryDue, Instant? PromisedDue, bool Suspended, int OpenCommitments, int RepeatedReturns,
    string? Decision, string? CertificateNumber)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    public static CaseSummaryView From(CaseSummary c) => new(c.Id, c.ProjectId, c.Stage?.ToString(), c.Matters, c.State.ToString(), c.GreenChannel,
        c.SubmittedAt, c.AcceptedAt, c.StatutoryDue, c.PromisedDue, c.Suspended, c.OpenCommitments, c.RepeatedReturns, c.Decision, c.CertificateNumber)
    {
        CaseNumber = c.CaseNumber,
    };
}
