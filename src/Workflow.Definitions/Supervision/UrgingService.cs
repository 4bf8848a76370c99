using Workflow.Definitions.Messages;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// 督办 notices (docs/supervision.md, Urging notices): a supervisor issues one on an open, overdue step with a reply due
/// instant; the step's department sees it in its inbox and replies once. Each write also notifies the other side, in
/// the same transaction, and goes on the audit trail in it (docs/audit.md).
/// </summary>
public sealed class UrgingService(IDbContextFactory<WorkflowDbContext> contexts, CalendarRegistry calendars, MatterCatalogue catalogue, AuditTrail audit, IClock clock)
{
    /// <summary>Issues a notice on <paramref name="stepId"/>.</summary>
    /// <returns>The notice; null when there is no such step.</returns>
    /// <exception cref="PermitRuleViolation">The step is not open and overdue, the message is empty, or the reply due is not in the future.</exception>
    public async Task<UrgingRow?> IssueAsync(string stepId, string message, Instant replyDue, string issuedBy, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var step = await db.Set<StepRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == stepId, cancellationToken);
        if (step is null) return null;
        var errors = new Dictionary<string, RuleMessage[]>();
        if (string.IsNullOrWhiteSpace(message)) errors["message"] = [new(RuleCodes.UrgingMessageRequired)];
        if (replyDue <= now) errors["replyDue"] = [new(RuleCodes.UrgingReplyDueFuture)];
        InputLimits.Check(errors, "message", message, InputLimits.Comment);
        if (!await IsOverdueAsync(db, step, now, cancellationToken)) errors["stepId"] = [new(RuleCodes.UrgingStepNotOverdue)];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);

        var row = new UrgingRow
        {
            CaseId = step.CaseId, StepId = step.Id, Department = step.Department, Message = message.Trim(), ReplyDue = replyDue, IssuedBy = issuedBy, IssuedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken); // the notice's id, which the notification names
        await NotificationCentre.StageAsync(db, NotificationKinds.Urging, [NotificationAudience.Department(step.Department)], step.CaseId, step.Id, Facts(row), now, cancellationToken);
        await audit.AppendAsync(db, [new AuditFact("urging.issued", issuedBy, CaseId: step.CaseId, StepId: step.Id,
            After: $"{row.Id}: {row.Message} (reply due {row.ReplyDue.ToString("g", CultureInfo.InvariantCulture)})")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>The department's reply to notice <paramref name="id"/>; <paramref name="department"/> null for the admin (any).</summary>
    /// <returns>The notice; null when there is none the replier may see.</returns>
    /// <exception cref="StepConflictException">Already replied (409).</exception>
    /// <exception cref="PermitRuleViolation">An empty reply.</exception>
    public async Task<UrgingRow?> ReplyAsync(long id, string reply, string repliedBy, string? department, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<UrgingRow>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (row is null || (department is not null && row.Department != department)) return null;
        if (string.IsNullOrWhiteSpace(reply)) throw PermitRuleViolation.For("reply", RuleCodes.UrgingReplyRequired);
        if (InputLimits.Check(reply, InputLimits.Comment) is { } tooLong) throw new PermitRuleViolation(new Dictionary<string, RuleMessage[]> { ["reply"] = [tooLong] });
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // The condition makes two concurrent replies answer once: the second updates nothing.
        var updated = await db.Set<UrgingRow>().Where(u => u.Id == id && u.RepliedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Reply, reply.Trim()).SetProperty(x => x.RepliedBy, repliedBy).SetProperty(x => x.RepliedAt, now), cancellationToken);
        if (updated == 0) throw new StepConflictException(row.StepId, RuleCodes.UrgingAnswered);
        (row.Reply, row.RepliedBy, row.RepliedAt) = (reply.Trim(), repliedBy, now);
        await NotificationCentre.StageAsync(db, NotificationKinds.UrgingReply, [NotificationAudience.Supervisors], row.CaseId, row.StepId, Facts(row), now, cancellationToken);
        await audit.AppendAsync(db, [new AuditFact("urging.replied", repliedBy, CaseId: row.CaseId, StepId: row.StepId, After: $"{row.Id}: {row.Reply}")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// One page of the notices of <paramref name="department"/> (null: all), narrowed by the lists' parameters (docs/api.md,
    /// *Lists*; docs/supervision.md, Urging notices): the search (the message or reply, or the case: <see cref="CaseSearch"/>),
    /// the state (an <see cref="UrgingState"/> name), the department, the case's stage and green channel, the issue dates
    /// (<see cref="StepListFilter.From"/> included, <see cref="StepListFilter.To"/> not). <see cref="ListSort.Due"/>: those
    /// awaiting a reply first, the earliest reply due first — the order of the indexes <c>ix_sup_urgings_due*</c>, so the
    /// first page stops early; <see cref="ListSort.Newest"/>/<see cref="ListSort.Oldest"/> by issue (the id).
    /// </summary>
    public async Task<ListPage<WithCaseNumber<UrgingRow>>> ListAsync(string? department, StepListFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<UrgingRow>().AsNoTracking();
        if (department is not null) query = query.Where(u => u.Department == department);
        if (filter.Department is { } only) query = query.Where(u => u.Department == only);
        if (filter.State is { } stateName && Enum.TryParse<UrgingState>(stateName, out var state))
            query = state == UrgingState.Replied ? query.Where(u => u.RepliedAt != null) : query.Where(u => u.RepliedAt == null);
        if (filter.From is { } from) query = query.Where(u => u.IssuedAt >= from);
        if (filter.To is { } to) query = query.Where(u => u.IssuedAt < to);
        if (CaseLinkedLists.Scoped(db, filter) is { } scoped) query = query.Where(u => scoped.Contains(u.CaseId));
        if (CaseLinkedLists.Searched(db, filter, catalogue) is { } searched)
        {
            var text = filter.SearchText!;
            query = query.Where(u => u.Message.Contains(text) || (u.Reply != null && u.Reply.Contains(text)) || searched.Contains(u.CaseId));
        }
        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.Sort switch
        {
            ListSort.Newest => query.OrderByDescending(u => u.Id),
            ListSort.Oldest => query.OrderBy(u => u.Id),
            _ => query.OrderBy(u => u.RepliedAt != null).ThenBy(u => u.ReplyDue).ThenBy(u => u.Id),
        };
        var rows = await ordered.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<WithCaseNumber<UrgingRow>>(await CaseLinkedLists.NumberedAsync(db, rows, u => u.CaseId, cancellationToken), total);
    }

    private async Task<bool> IsOverdueAsync(WorkflowDbContext db, StepRow step, Instant now, CancellationToken cancellationToken)
    {
        if (step.State is not (StepState.Open or StepState.WaitingForSupplement)) return false;
        var calendarId = await db.Set<CaseRow>().Where(c => c.Id == step.CaseId).Select(c => c.CalendarId).FirstOrDefaultAsync(cancellationToken);
        var calendar = calendars.Find(string.IsNullOrEmpty(calendarId) ? catalogue.CalendarId : calendarId) ?? calendars.Get(catalogue.CalendarId);
        var clocks = CaseClocks.Of(calendar, step.CreatedAt, step.StatutoryLimit, step.PromisedLimit, StoredSuspensions.Decode(step.Suspensions));
        return clocks is not null && (clocks.Statutory.LevelAt(now) == DeadlineLevel.Overdue || clocks.Promised?.LevelAt(now) == DeadlineLevel.Overdue);
    }

    private static Dictionary<string, string> Facts(UrgingRow row) => new()
    {
        ["notice"] = row.Id.ToString(CultureInfo.InvariantCulture),
        ["department"] = row.Department,
        ["replyDue"] = row.ReplyDue.ToString("g", CultureInfo.InvariantCulture),
    };
}
