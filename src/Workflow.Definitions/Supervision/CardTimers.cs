using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// The card timers a case file asks for now (docs/supervision.md, Timers): for every running clock — the case's and
/// each open step's statutory and promised clocks, each open commitment — a yellow timer at the instant its level
/// turns Warning and a red one just after its due instant (overdue means past it). A clock that stands still (补正, special procedure) asks for none:
/// its due instant is not known until it runs again, so no card can be due. A closed step or case asks for none.
/// </summary>
public static class CardTimers
{
    /// <summary>
    /// The timers of every running clock of <paramref name="file"/> as it stands, each keyed by <see cref="CardKey"/>;
    /// none for a closed case.
    /// </summary>
    public static IEnumerable<DeadlineTimerRow> Of(CaseFile file, WorkingCalendar calendar, MatterCatalogue catalogue)
    {
        if (!file.State.IsOpen()) yield break;
        var caseDepartment = CaseDepartment(file, catalogue);
        if (CaseClocks.ForCase(file, calendar) is { } caseClocks)
            foreach (var timer in OfClocks(file.CaseId, CardSubject.Case, null, caseDepartment, caseClocks))
                yield return timer;
        foreach (var step in file.Steps.Where(s => s.IsOpen))
            if (CaseClocks.ForStep(step, calendar) is { } clocks)
                foreach (var timer in OfClocks(file.CaseId, CardSubject.Step, step.Id, step.Department, clocks))
                    yield return timer;
        if (file.AcceptedAt is not { } accepted) yield break;
        foreach (var commitment in file.Commitments.Where(c => c.IsOpen && c.WorkingDays > 0))
        {
            var department = catalogue.FindMatter(commitment.MatterCode)?.Department ?? caseDepartment;
            var clock = new DeadlineClock(calendar, accepted, commitment.WorkingDays);
            foreach (var timer in OfClock(file.CaseId, CardSubject.Commitment, commitment.MaterialCode, department, CardClock.Commitment, clock, commitment.Due))
                yield return timer;
        }
    }

    /// <summary>
    /// The department a case's own cards are recorded against: its stage's lead department (牵头部门), else the one of
    /// its first matter (a case outside the stages).
    /// </summary>
    public static string CaseDepartment(CaseFile file, MatterCatalogue catalogue) =>
        (file.Stage is { } stage ? catalogue.Stages.FirstOrDefault(s => s.Stage == stage)?.LeadDepartment : null)
        ?? file.Matters.Select(catalogue.FindMatter).FirstOrDefault(m => m is not null)?.Department ?? PermitActivity.FrontDesk;

    private static IEnumerable<DeadlineTimerRow> OfClocks(string caseId, CardSubject subject, string? subjectId, string department, DeadlineClocks clocks)
    {
        var all = OfClock(caseId, subject, subjectId, department, CardClock.Statutory, clocks.Statutory, null);
        return clocks.Promised is { } promised ? all.Concat(OfClock(caseId, subject, subjectId, department, CardClock.Promised, promised, null)) : all;
    }

    private static IEnumerable<DeadlineTimerRow> OfClock(string caseId, CardSubject subject, string? subjectId, string department, CardClock kind, DeadlineClock clock, Instant? due)
    {
        if (clock.IsSuspended || (due ?? clock.Due) is not { } dueAt || clock.WarningFrom is not { } warningAt) yield break;
        yield return Timer(caseId, subject, subjectId, department, kind, DeadlineLevel.Warning, warningAt < dueAt ? warningAt : dueAt, dueAt);
        yield return Timer(caseId, subject, subjectId, department, kind, DeadlineLevel.Overdue, dueAt.PlusNanoseconds(1), dueAt);
    }

    private static DeadlineTimerRow Timer(string caseId, CardSubject subject, string? subjectId, string department, CardClock kind, DeadlineLevel level, Instant fireAt, Instant dueAt) =>
        new()
        {
            Id = CardKey.Of(caseId, subject, subjectId, kind, level), CaseId = caseId, StepId = subjectId, Subject = subject, Clock = kind,
            Level = level, Department = department, FireAt = fireAt, DueAt = dueAt,
        };
}
