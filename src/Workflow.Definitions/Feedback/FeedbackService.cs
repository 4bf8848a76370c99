using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Feedback;

/// <summary>
/// Ratings and complaints (好差评, 投诉; docs/feedback.md). Every write is one transaction with its audit entry and, for
/// complaints, the notification of the other side. Callers say who acts; who may see what is the Host's (<c>agent</c>
/// arguments restrict a read or write to that agent's own cases and complaints: another's answer null, i.e. 404).
/// </summary>
public sealed class FeedbackService(IDbContextFactory<WorkflowDbContext> contexts, MatterCatalogue catalogue, AuditTrail audit, IClock clock)
{
    /// <summary>The longest comment, complaint or reply accepted.</summary>
    public const int MaxText = InputLimits.Comment;

    /// <summary>The ratings of a case (null when <paramref name="agent"/> is given and the case is not theirs, or there is no such case).</summary>
    public async Task<IReadOnlyList<RatingRow>?> RatingsAsync(string caseId, string? agent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await CaseAsync(db, caseId, agent, cancellationToken) is null) return null;
        return await db.Set<RatingRow>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.RatedAt).ThenBy(r => r.Matter).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The agent rates one finished matter of their case, once: the case must be closed (issued, rejected or refused), the
    /// matter one it applied for, the stars 1–5. Null when the case is not the agent's.
    /// </summary>
    /// <exception cref="PermitRuleViolation">A rule above is broken (422, naming the field).</exception>
    /// <exception cref="StepConflictException">The matter was already rated (409): a rating is final.</exception>
    public async Task<RatingRow?> RateAsync(string caseId, string? matter, int stars, string? comment, string agent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await CaseAsync(db, caseId, agent, cancellationToken) is not { } row) return null;
        var errors = new Dictionary<string, RuleMessage[]>();
        if (stars is < 1 or > 5) errors["stars"] = [new(RuleCodes.RatingStarsRange)];
        var matters = row.Matters.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (string.IsNullOrWhiteSpace(matter) || !matters.Contains(matter))
            errors["matter"] = [new(RuleCodes.RatingMatterNotApplied, CatalogueNames.Matters(matters))];
        if (comment?.Length > MaxText) errors["comment"] = [new(RuleCodes.TextTooLong, MaxText)];
        if (row.State.IsOpen())
            errors["caseId"] = [new(RuleCodes.RatingCaseOpen)];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);
        if (await db.Set<RatingRow>().AnyAsync(r => r.Id == RatingRow.IdOf(caseId, matter!), cancellationToken)) throw AlreadyRated(caseId, matter!);

        var rating = new RatingRow
        {
            Id = RatingRow.IdOf(caseId, matter!), CaseId = caseId, Matter = matter!, Department = catalogue.FindMatter(matter!)?.Department ?? "",
            Agent = agent, Stars = stars, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), RatedAt = clock.GetCurrentInstant(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(rating);
        await audit.AppendAsync(db, [new AuditFact("rating.given", agent, "agent", caseId, After: $"{matter}: {stars}{(rating.Comment is null ? "" : $" — {rating.Comment}")}")], cancellationToken);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) { throw AlreadyRated(caseId, matter!); /* a concurrent rating of the same matter committed first */ }
        await tx.CommitAsync(cancellationToken);
        return rating;
    }

    /// <summary>
    /// The agent files a complaint about a step of their case (<paramref name="stepId"/>) or a department
    /// (<paramref name="department"/>, a catalogue department or <c>frontdesk</c>) at any time. Null when the case is not theirs.
    /// </summary>
    /// <exception cref="PermitRuleViolation">No text, text too long, an unknown step or department, or neither (422).</exception>
    public async Task<ComplaintRow?> FileAsync(string caseId, string? stepId, string? department, string? text, string agent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await CaseAsync(db, caseId, agent, cancellationToken) is null) return null;
        var errors = new Dictionary<string, RuleMessage[]>();
        if (string.IsNullOrWhiteSpace(text)) errors["text"] = [new(RuleCodes.ComplaintTextRequired)];
        else if (text.Length > MaxText) errors["text"] = [new(RuleCodes.TextTooLong, MaxText)];
        string? about = null;
        if (!string.IsNullOrWhiteSpace(stepId))
        {
            about = await db.Set<StepRow>().Where(s => s.Id == stepId && s.CaseId == caseId).Select(s => s.Department).FirstOrDefaultAsync(cancellationToken);
            if (about is null) errors["stepId"] = [new(RuleCodes.ComplaintStepUnknown)];
        }
        else if (!string.IsNullOrWhiteSpace(department))
        {
            about = department == PermitActivity.FrontDesk || catalogue.FindDepartment(department) is not null ? department : null;
            if (about is null) errors["department"] = [new(RuleCodes.ComplaintDepartmentUnknown)];
        }
        else errors["stepId"] = [new(RuleCodes.ComplaintSubjectMissing)];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);

        var now = clock.GetCurrentInstant();
        var row = new ComplaintRow
        {
            CaseId = caseId, StepId = string.IsNullOrWhiteSpace(stepId) ? null : stepId, Department = about!, Agent = agent, Text = text!.Trim(), FiledAt = now, State = ComplaintState.Open,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken); // the complaint's id, which the notification and the audit entry name
        await NotificationCentre.StageAsync(db, NotificationKinds.Complaint, [NotificationAudience.Supervisors], caseId, row.StepId, Facts(row), now, cancellationToken);
        await audit.AppendAsync(db, [new AuditFact("complaint.filed", agent, "agent", caseId, row.StepId, After: $"{row.Id}: {row.Department} — {row.Text}")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// One page of complaints: <paramref name="agent"/>'s own, or everyone's when null (supervisors), narrowed by the
    /// lists' parameters (docs/api.md, *Lists*; docs/feedback.md, Complaints): the search (the complaint's text, or its
    /// case: <see cref="CaseSearch"/>), the state (a <see cref="ComplaintState"/> name), the department complained about,
    /// the case's stage and green channel, the filing dates (<see cref="StepListFilter.From"/> included,
    /// <see cref="StepListFilter.To"/> not). Complaints have no due instant: <see cref="ListSort.Due"/> is the newest
    /// first, as <see cref="ListSort.Newest"/>, read backwards along the id (filing order), so the first page stops early
    /// (the indexes by agent, state and department end with the id).
    /// </summary>
    public async Task<ListPage<WithCaseNumber<ComplaintRow>>> ComplaintsAsync(string? agent, StepListFilter filter, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ComplaintRow>().AsNoTracking();
        if (agent is not null) query = query.Where(c => c.Agent == agent);
        if (filter.State is { } stateName && Enum.TryParse<ComplaintState>(stateName, out var state)) query = query.Where(c => c.State == state);
        if (filter.Department is { } department) query = query.Where(c => c.Department == department);
        if (filter.From is { } from) query = query.Where(c => c.FiledAt >= from);
        if (filter.To is { } to) query = query.Where(c => c.FiledAt < to);
        if (CaseLinkedLists.Scoped(db, filter) is { } scoped) query = query.Where(c => scoped.Contains(c.CaseId));
        if (CaseLinkedLists.Searched(db, filter, catalogue) is { } searched)
        {
            var text = filter.SearchText!;
            query = query.Where(c => c.Text.Contains(text) || searched.Contains(c.CaseId));
        }
        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.Sort == ListSort.Oldest ? query.OrderBy(c => c.Id) : query.OrderByDescending(c => c.Id);
        var rows = await ordered.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<WithCaseNumber<ComplaintRow>>(await CaseLinkedLists.NumberedAsync(db, rows, c => c.CaseId, cancellationToken), total);
    }

    /// <summary>The complaints about one case, oldest first: <paramref name="agent"/>'s own, or everyone's when null.</summary>
    public async Task<IReadOnlyList<ComplaintRow>> ComplaintsOfCaseAsync(string caseId, string? agent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ComplaintRow>().AsNoTracking().Where(c => c.CaseId == caseId && (agent == null || c.Agent == agent)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>One complaint; null when there is none or it is not <paramref name="agent"/>'s (when given).</summary>
    public async Task<ComplaintRow?> ComplaintAsync(long id, string? agent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ComplaintRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && (agent == null || c.Agent == agent), cancellationToken);
    }

    /// <summary>A supervisor takes an open complaint and becomes its handler (open → in hand).</summary>
    /// <exception cref="StepConflictException">It is not open any more (409).</exception>
    public Task<ComplaintRow?> TakeAsync(long id, string handler, CancellationToken cancellationToken = default) =>
        MoveAsync(id, c => c.State == ComplaintState.Open, "complaint.taken", handler, null, null,
            (c, now) => { c.State = ComplaintState.InHand; c.Handler = handler; c.TakenAt = now; },
            u => u.SetProperty(c => c.State, ComplaintState.InHand).SetProperty(c => c.Handler, handler), "TakenAt", cancellationToken);

    /// <summary>The handler (or, with <paramref name="anyHandler"/>, the admin) answers a complaint in hand (in hand → answered); the agent is notified.</summary>
    /// <exception cref="PermitRuleViolation">An empty or too long reply (422).</exception>
    /// <exception cref="StepConflictException">It is not in hand, or another supervisor handles it (409).</exception>
    public Task<ComplaintRow?> AnswerAsync(long id, string? reply, string by, bool anyHandler, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reply)) throw PermitRuleViolation.For("reply", RuleCodes.ComplaintReplyRequired);
        if (reply.Length > MaxText) throw PermitRuleViolation.For("reply", RuleCodes.TextTooLong, MaxText);
        var text = reply.Trim();
        return MoveAsync(id, c => c.State == ComplaintState.InHand && (anyHandler || c.Handler == by), "complaint.answered", by, text, NotificationKinds.ComplaintReply,
            (c, now) => { c.State = ComplaintState.Answered; c.Reply = text; c.AnsweredAt = now; },
            u => u.SetProperty(c => c.State, ComplaintState.Answered).SetProperty(c => c.Reply, text), "AnsweredAt", cancellationToken);
    }

    /// <summary>
    /// Closes a complaint: its agent at any time before it is closed (satisfied, or withdrawing it), a supervisor once it is answered.
    /// Null when <paramref name="agent"/> is given and the complaint is not theirs.
    /// </summary>
    /// <exception cref="StepConflictException">Already closed, or a supervisor closing one not answered yet (409).</exception>
    public async Task<ComplaintRow?> CloseAsync(long id, string by, string? agent, CancellationToken cancellationToken = default)
    {
        if (agent is not null && await ComplaintAsync(id, agent, cancellationToken) is null) return null;
        return await MoveAsync(id, c => agent != null ? c.State != ComplaintState.Closed : c.State == ComplaintState.Answered, "complaint.closed", by, null, null,
            (c, now) => { c.State = ComplaintState.Closed; c.ClosedBy = by; c.ClosedAt = now; },
            u => u.SetProperty(c => c.State, ComplaintState.Closed).SetProperty(c => c.ClosedBy, by), "ClosedAt", cancellationToken);
    }

    /// <summary>
    /// One state change, made once however many try at the same time: a conditional update (the condition is the state it
    /// leaves), then the audit entry and the notification, in one transaction. Null when there is no such complaint.
    /// </summary>
    private async Task<ComplaintRow?> MoveAsync(long id, System.Linq.Expressions.Expression<Func<ComplaintRow, bool>> from, string action, string by, string? after, string? notify,
        Action<ComplaintRow, Instant> apply, Func<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ComplaintRow>, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ComplaintRow>> set,
        string instantProperty, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<ComplaintRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (row is null) return null;
        var before = row.State;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.Set<ComplaintRow>().Where(c => c.Id == id).Where(from)
            .ExecuteUpdateAsync(u => set(u).SetProperty(c => EF.Property<Instant?>(c, instantProperty), now), cancellationToken);
        if (updated == 0)
            throw new StepConflictException(row.StepId ?? "", RuleCodes.ComplaintStateConflict, id, row.State.ToString(), row.Handler ?? "");
        apply(row, now);
        if (notify is not null) await NotificationCentre.StageAsync(db, notify, [NotificationAudience.Agent(row.Agent)], row.CaseId, row.StepId, Facts(row), now, cancellationToken);
        await audit.AppendAsync(db, [new AuditFact(action, by, CaseId: row.CaseId, StepId: row.StepId, Before: $"{id}: {before}", After: $"{id}: {row.State}{(after is null ? "" : $" — {after}")}")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    private static Task<CaseRow?> CaseAsync(WorkflowDbContext db, string caseId, string? agent, CancellationToken cancellationToken) =>
        db.Set<CaseRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId && (agent == null || c.Agent == agent), cancellationToken);

    private static StepConflictException AlreadyRated(string caseId, string matter) =>
        new("", RuleCodes.RatingFinal, CatalogueNames.Matters([matter]), caseId);

    private static Dictionary<string, string> Facts(ComplaintRow row) => new()
    {
        ["complaint"] = row.Id.ToString(CultureInfo.InvariantCulture),
        ["department"] = row.Department,
        ["state"] = row.State.ToString(),
    };
}
