using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Feedback;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Ledger;

/// <summary>
/// The ledger's rows, streamed from <c>permit_cases</c> and <c>permit_steps</c> one at a time (never a list), so an export
/// of any size holds one row in memory (docs/ledger-and-feeds.md, "Ledger export").
/// </summary>
public sealed class LedgerQueries(IDbContextFactory<WorkflowDbContext> contexts, CalendarRegistry calendars, MatterCatalogue catalogue)
{
    /// <summary>Cases filed in the period (of the department, if any), oldest first; clocks read at <paramref name="at"/> while open.</summary>
    public async IAsyncEnumerable<LedgerCase> CasesAsync(LedgerFilter filter, Instant at, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Narrowed(db, filter);
        if (filter.From is { } from) query = query.Where(c => c.SubmittedAt >= from);
        if (filter.To is { } to) query = query.Where(c => c.SubmittedAt < to);
        if (filter.Department is { } department)
            query = query.Where(c => db.Set<StepRow>().Any(s => s.CaseId == c.Id && s.Department == department));
        var cards = db.Set<CardRow>();
        var lines = query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).Select(c => new
        {
            Row = c,
            Yellow = cards.Count(k => k.CaseId == c.Id && k.Level == DeadlineLevel.Warning),
            Red = cards.Count(k => k.CaseId == c.Id && k.Level == DeadlineLevel.Overdue),
            // The mean of its matters' ratings (好差评, docs/feedback.md); null while none is rated.
            Rating = db.Set<RatingRow>().Where(r => r.CaseId == c.Id).Average(r => (double?)r.Stars),
        });
        await foreach (var line in lines.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var row = line.Row;
            var suspensions = StoredSuspensions.Decode(row.Suspensions);
            var used = row.AcceptedAt is { } accepted
                ? Used(CalendarOf(row.CalendarId), accepted, row.StatutoryLimit, row.PromisedLimit, suspensions, row.ClosedAt ?? at)
                : null;
            yield return new LedgerCase(row.Id, row.ProjectName, row.Stage?.ToString(), row.Matters, row.Agent, row.State.ToString(), row.GreenChannel,
                row.SubmittedAt, row.AcceptedAt, row.StatutoryLimit, row.PromisedLimit, row.StatutoryDue, row.PromisedDue,
                row.ClosedAt, used, suspensions.Count, row.Decision, row.CertificateNumber, row.RepeatedReturns, line.Yellow, line.Red, line.Rating)
            {
                CaseNumber = row.CaseNumber,
                DeemedAccepted = row.DeemedAccepted,
            };
        }
    }

    /// <summary>Steps opened in the period (of the department, if any), oldest first.</summary>
    public async IAsyncEnumerable<LedgerStep> StepsAsync(LedgerFilter filter, Instant at, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = db.Set<StepRow>().AsNoTracking();
        if (filter.From is { } from) steps = steps.Where(s => s.CreatedAt >= from);
        if (filter.To is { } to) steps = steps.Where(s => s.CreatedAt < to);
        if (filter.Department is { } department) steps = steps.Where(s => s.Department == department);
        var query = from s in steps
                    join c in Narrowed(db, filter) on s.CaseId equals c.Id
                    orderby s.CreatedAt, s.Id
                    select new
                    {
                        Step = s, c.CalendarId, c.ProjectName, c.CaseNumber,
                        Yellow = db.Set<CardRow>().Count(k => k.StepId == s.Id && k.Level == DeadlineLevel.Warning),
                        Red = db.Set<CardRow>().Count(k => k.StepId == s.Id && k.Level == DeadlineLevel.Overdue),
                        // The rating of the step's matter in its case (one at most).
                        Rating = db.Set<RatingRow>().Where(r => r.CaseId == s.CaseId && r.Matter == s.Matter).Average(r => (double?)r.Stars),
                    };
        await foreach (var line in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var s = line.Step;
            var suspensions = StoredSuspensions.Decode(s.Suspensions);
            var used = Used(CalendarOf(line.CalendarId), s.CreatedAt, s.StatutoryLimit, s.PromisedLimit, suspensions, s.CompletedAt ?? at);
            yield return new LedgerStep(s.Id, s.CaseId, line.ProjectName, s.Department, s.Kind.ToString(), s.Title, s.Matter, s.State.ToString(),
                s.CreatedAt, s.StatutoryLimit, s.PromisedLimit, s.StatutoryDue, s.PromisedDue, s.CompletedAt,
                used, suspensions.Count, s.Outcome, s.Actor, s.SupplementRequests, s.RepeatedReturns, line.Yellow, line.Red, line.Rating)
            {
                CaseNumber = line.CaseNumber,
            };
        }
    }

    // The cases the lists' parameters keep (LedgerFilter.Cases): the same search as every list, then state, stage, green channel.
    private IQueryable<CaseRow> Narrowed(WorkflowDbContext db, LedgerFilter filter)
    {
        if (filter.Cases is not { } list) return db.Set<CaseRow>().AsNoTracking();
        var cases = CaseSearch.Matching(db, list, catalogue);
        if (list.State is { } stateName && Enum.TryParse<CaseState>(stateName, out var state)) cases = cases.Where(c => c.State == state);
        if (list.Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (list.GreenChannel is { } green) cases = cases.Where(c => c.GreenChannel == green);
        return cases;
    }

    private WorkingCalendar CalendarOf(string calendarId) =>
        calendars.Get(string.IsNullOrEmpty(calendarId) ? catalogue.CalendarId : calendarId);

    // The statutory clock's elapsed working days, one decimal, as the pages show them (Tracking/ClockReading).
    private static double? Used(WorkingCalendar calendar, Instant start, int statutory, int promised, IReadOnlyList<Suspension> suspensions, Instant end) =>
        CaseClocks.Of(calendar, start, statutory, promised, suspensions) is { } clocks
            ? Math.Round(clocks.Statutory.ElapsedAt(end).Value, 1, MidpointRounding.AwayFromZero)
            : null;
}
