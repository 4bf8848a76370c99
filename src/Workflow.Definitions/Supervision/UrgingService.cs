using Workflow.Definitions.Messages;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Persistence;
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

    /// <summary>The notices of <paramref name="department"/> (null: all), newest first.</summary>
    public async Task<IReadOnlyList<UrgingRow>> ListAsync(string? department, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<UrgingRow>().AsNoTracking();
        if (department is not null) query = query.Where(u => u.Department == department);
        return await query.OrderByDescending(u => u.Id).Take(500).ToListAsync(cancellationToken);
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
