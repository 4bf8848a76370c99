using NodaTime;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// One step in an inbox or a handled (已办) list, from the step projection (no case file is read for a list); a handled
/// step has its <c>outcome</c>, <c>actor</c> and <c>completedAt</c>.
/// </summary>
public sealed record InboxItemView(string Id, string CaseId, string ProjectId, string ProjectName, string Kind, string Department, string? Matter,
    string Title, string State, bool GreenChannel, Instant CreatedAt, Instant? StatutoryDue, Instant? PromisedDue, int SupplementRequests,
    int RepeatedReturns, int Version, string? Outcome, string? Actor, Instant? CompletedAt)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    public static InboxItemView From(StepSnapshot s) => new(s.Id, s.CaseId, s.ProjectId, s.ProjectName, s.Kind.ToString(), s.Department,
        s.Matter, s.Title, s.State.ToString(), s.GreenChannel, s.CreatedAt, s.StatutoryDue, s.PromisedDue, s.SupplementRequests,
        s.RepeatedReturns, s.Version, s.Outcome, s.Actor, s.CompletedAt)
    {
        CaseNumber = s.CaseNumber,
    };
}
