using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// A human step (环节) as lists and forms show it, read at one instant: where it stands and its own clocks (read when it
/// closed, for a closed step). Built from the step's row for lists, from the case file for a case's page: both give the
/// same values.
/// </summary>
public sealed record StepSnapshot(
    string Id,
    string CaseId,
    string ProjectId,
    string ProjectName,
    StepKind Kind,
    string Department,
    string? Matter,
    string Title,
    StepState State,
    bool GreenChannel,
    Instant CreatedAt,
    Instant? StatutoryDue,
    Instant? PromisedDue,
    ClocksReading? Clocks,
    int SupplementRequests,
    int RepeatedReturns,
    string? Outcome,
    string? Actor,
    Instant? CompletedAt,
    int Version)
{
    /// <summary>True while the step still waits for an action: open, or waiting for the applicant's supplement.</summary>
    public bool IsOpen => State is StepState.Open or StepState.WaitingForSupplement;

    /// <summary>The number of the step's case (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The step of a projection row; its clocks read at <paramref name="at"/> (or when it closed).</summary>
    public static StepSnapshot Of(StepRow row, string projectName, WorkingCalendar calendar, Instant at, string? caseNumber = null) => new(
        row.Id, row.CaseId, row.ProjectId, projectName, row.Kind, row.Department, row.Matter, row.Title,
        row.State, row.GreenChannel, row.CreatedAt, row.StatutoryDue, row.PromisedDue,
        ClocksReading.OfRow(calendar, row.CreatedAt, row.StatutoryLimit, row.PromisedLimit, row.Suspensions, row.CompletedAt ?? at),
        row.SupplementRequests, row.RepeatedReturns, row.Outcome, row.Actor, row.CompletedAt, row.Version)
    {
        CaseNumber = caseNumber,
    };

    /// <summary>The step of a case file; its clocks read at <paramref name="at"/> (or when it closed).</summary>
    public static StepSnapshot Of(CaseFile file, StepRecord step, WorkingCalendar calendar, Instant at) => new(
        step.Id, file.CaseId, file.ProjectId, file.ProjectName, step.Kind, step.Department, step.MatterCode, step.Title, step.State,
        file.GreenChannel, step.CreatedAt, step.StatutoryDue, step.PromisedDue,
        ClocksReading.Of(CaseClocks.ForStep(step, calendar), step.CompletedAt ?? at) is { } clocks ? clocks with { Hold = ClockHold.Of(step.Suspensions) } : null,
        step.SupplementRequests.Count, file.RepeatedReturns.Count(r => r.StepId == step.Id), step.Outcome, step.Actor, step.CompletedAt, step.Version)
    {
        CaseNumber = file.CaseNumber,
    };
}
