using NodaTime;
using Workflow.Definitions.Persistence;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>One open step in an inbox, from the step projection (no case file is read for a list).</summary>
public sealed record InboxItemView(string Id, string CaseId, string ProjectId, string ProjectName, string Kind, string Department, string? Matter,
    string Title, string State, bool GreenChannel, Instant CreatedAt, Instant? StatutoryDue, Instant? PromisedDue, int SupplementRequests,
    int RepeatedReturns, int Version)
{
    public static InboxItemView From(StepRow row, string projectName) => new(row.Id, row.CaseId, row.ProjectId, projectName, row.Kind, row.Department,
        row.Matter, row.Title, row.State, row.GreenChannel, row.CreatedAt, row.StatutoryDue, row.PromisedDue, row.SupplementRequests,
        row.RepeatedReturns, row.Version);
}
