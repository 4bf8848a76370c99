using NodaTime;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>One open step in an inbox, from the step projection (no case file is read for a list).</summary>
public sealed record InboxItemView(string Id, string CaseId, string ProjectId, string ProjectName, string Kind, string Department, string? Matter,
    string Title, string State, bool GreenChannel, Instant CreatedAt, Instant? StatutoryDue, Instant? PromisedDue, int SupplementRequests,
    int RepeatedReturns, int Version)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    public static InboxItemView From(StepSnapshot s) => new(s.Id, s.CaseId, s.ProjectId, s.ProjectName, s.Kind.ToString(), s.Department,
        s.Matter, s.Title, s.State.ToString(), s.GreenChannel, s.CreatedAt, s.StatutoryDue, s.PromisedDue, s.SupplementRequests,
        s.RepeatedReturns, s.Version)
    {
        CaseNumber = s.CaseNumber,
    };
}
