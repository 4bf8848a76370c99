using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Feedback;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>
/// The complaint, urging and notification lists' default pages read an index in the list's order and stop (docs/api.md,
/// *Lists*; docs/feedback.md; docs/supervision.md; docs/notifications.md): no sort of every row for the first 50.
/// </summary>
public sealed class RowListPlanTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_default_pages_of_complaints_and_urgings_read_an_index_in_order(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00");
        var now = host.Clock.GetCurrentInstant();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < 300; i++)
            {
                var department = i % 3 == 0 ? "zjj" : "rf";
                db.Add(new ComplaintRow
                {
                    CaseId = $"case-{i}", Department = department, Agent = $"agent{i % 7}", Text = $"投诉 {i}", FiledAt = now + Duration.FromMinutes(i),
                    State = i % 4 == 0 ? ComplaintState.Closed : ComplaintState.Open,
                });
                db.Add(new UrgingRow
                {
                    CaseId = $"case-{i}", StepId = $"step-{i}", Department = department, Message = $"督办 {i}", IssuedBy = "sup", IssuedAt = now + Duration.FromMinutes(i),
                    ReplyDue = now + Duration.FromDays(300 - i), RepliedAt = i % 5 == 0 ? now : null, Reply = i % 5 == 0 ? "已办" : null, RepliedBy = i % 5 == 0 ? "rev" : null,
                });
            }
            await db.SaveChangesAsync();
        }
        var feedback = host.Services.GetRequiredService<FeedbackService>();
        var urgings = host.Services.GetRequiredService<UrgingService>();

        if (provider != "sqlite")
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE fb_complaints"); // one statement each: VACUUM runs outside a pipeline
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE sup_urgings");
            }

        // The plan as SupervisionCountsTests reads it: PostgreSQL's with sequential scans and sorts priced out.
        async Task<string> PlanOf(Func<Task> list)
        {
            host.Commands.Reset();
            await list();
            return await SupervisionCountsTests.PlanAsync(host, provider, host.Commands.Sent.First(c => c.Text.Contains("LIMIT", StringComparison.Ordinal)));
        }

        var complaints = await feedback.ComplaintsAsync(null, StepListFilter.None, 1, 50);
        complaints.TotalCount.Should().Be(300);
        complaints.Items.Select(c => c.Row.Text).Take(2).Should().Equal("投诉 299", "投诉 298");
        var open = await feedback.ComplaintsAsync(null, new StepListFilter(State: "Open"), 1, 50);
        open.TotalCount.Should().Be(225);
        var due = await urgings.ListAsync(null, StepListFilter.None, 1, 50);
        due.TotalCount.Should().Be(300);
        due.Items.Select(u => u.Row.Message).Take(2).Should().Equal("督办 299", "督办 298"); // awaiting, the latest issued is due first
        due.Items.Should().OnlyContain(u => u.Row.RepliedAt == null);

        var plans = new Dictionary<string, string>
        {
            ["complaints"] = await PlanOf(() => feedback.ComplaintsAsync(null, StepListFilter.None, 1, 50)),
            ["complaints by state"] = await PlanOf(() => feedback.ComplaintsAsync(null, new StepListFilter(State: "Open"), 1, 50)),
            ["complaints of an agent"] = await PlanOf(() => feedback.ComplaintsAsync("agent3", StepListFilter.None, 1, 50)),
            ["urgings"] = await PlanOf(() => urgings.ListAsync(null, StepListFilter.None, 1, 50)),
            ["urgings of a department"] = await PlanOf(() => urgings.ListAsync("zjj", StepListFilter.None, 1, 50)),
        };
        foreach (var (list, plan) in plans)
            plan.Should().NotContain(provider == "sqlite" ? "TEMP B-TREE" : "Sort", $"the {list}' first page reads an index in order: {plan}");
        // PostgreSQL may rightly walk the primary key backwards and filter when most rows match: in order all the same.
        plans["complaints by state"].Should().Contain(provider == "sqlite" ? "ix_fb_complaints_state" : "Index");
        plans["urgings"].Should().Contain("ix_sup_urgings_due");
        plans["urgings of a department"].Should().Contain("ix_sup_urgings_due_by_department");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_notification_outbox_and_audit_lists_first_pages_read_an_index_in_order(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00");
        var now = host.Clock.GetCurrentInstant();
        string[] audiences = [NotificationAudience.Agent("agent1"), NotificationAudience.Department("zjj"), NotificationAudience.Supervisors];
        long first;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < 600; i++)
                db.Add(new NotificationRow
                {
                    Kind = i % 4 == 0 ? NotificationKinds.Card : NotificationKinds.Accepted, Audience = audiences[i % 3], CaseId = $"case-{i}",
                    Data = $$"""{"n":"{{i}}"}""", CreatedAt = now + Duration.FromMinutes(i),
                });
            for (var i = 0; i < 300; i++)
                db.Add(new OutboxMessageRow
                {
                    Kind = NotificationKinds.Accepted, Reader = $"agent{i % 7}", Email = $"agent{i % 7}@example.cn", CaseId = $"case-{i}", CreatedAt = now + Duration.FromMinutes(i),
                    NextAttemptAt = now, SentAt = i % 2 == 0 ? now : null, Attempts = i % 2 == 0 ? 1 : 0,
                });
            // 30 cases' audit entries interleaved, as cases are worked on side by side (the hashes do not matter to a plan).
            first = await db.Set<AuditEntry>().MaxAsync(e => (long?)e.Sequence) ?? 0;
            for (var i = 1; i <= 3000; i++)
                db.Add(new AuditEntry { Sequence = first + i, At = now + Duration.FromSeconds(i), Actor = "frontdesk", Role = "frontdesk", Action = "step.acted", CaseId = $"case-{i % 30}", PreviousHash = "", Hash = "" });
            await db.SaveChangesAsync();
            if (provider != "sqlite")
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE notifications");
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE notification_outbox");
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE audit_entries");
            }
        }
        var centre = host.Services.GetRequiredService<NotificationCentre>();
        string[] agent = [NotificationAudience.Agent("agent1")];

        var page = await centre.PageAsync(agent, "agent1", StepListFilter.None, null, 1, 50);
        page.TotalCount.Should().Be(200);
        page.Items.Select(n => n.Row.Data["n"]).Take(2).Should().Equal("597", "594");
        var cards = await centre.PageAsync(agent, "agent1", StepListFilter.None, NotificationKinds.Card, 1, 50);
        cards.TotalCount.Should().Be(50, "every fourth notification is a card and every third is agent1's: 600 / 12");
        cards.Items.Should().OnlyContain(n => n.Row.Kind == NotificationKinds.Card);

        async Task<string> PlanOf(Func<Task> list)
        {
            host.Commands.Reset();
            await list();
            return await SupervisionCountsTests.PlanAsync(host, provider, host.Commands.Sent.First(c => c.Text.Contains("LIMIT", StringComparison.Ordinal)));
        }
        var plans = new Dictionary<string, string>
        {
            ["notifications"] = await PlanOf(() => centre.PageAsync(agent, "agent1", StepListFilter.None, null, 1, 50)),
            ["notifications of a kind"] = await PlanOf(() => centre.PageAsync(agent, "agent1", StepListFilter.None, NotificationKinds.Card, 1, 50)),
            ["unread notifications"] = await PlanOf(() => centre.PageAsync(agent, "agent1", new StepListFilter(State: nameof(NotificationState.Unread)), null, 1, 50)),
            ["outbox"] = await PlanOf(() => host.Services.GetRequiredService<EmailOutbox>().PageAsync(StepListFilter.None, null, 1, 50)),
            ["sent e-mails"] = await PlanOf(() => host.Services.GetRequiredService<EmailOutbox>().PageAsync(new StepListFilter(State: nameof(OutboxState.Sent)), null, 1, 50)),
            ["audit entries"] = await PlanOf(() => host.Services.GetRequiredService<AuditTrail>().PageAsync("case-7", StepListFilter.None, null, null, 1, 50)),
            ["newest audit entries"] = await PlanOf(() => host.Services.GetRequiredService<AuditTrail>().PageAsync("case-7", new StepListFilter(Sort: ListSort.Newest), null, null, 1, 50)),
        };
        foreach (var (list, plan) in plans)
            plan.Should().NotContain(provider == "sqlite" ? "TEMP B-TREE" : "Sort", $"the {list}' first page reads an index in order: {plan}");
        // PostgreSQL may rightly walk the primary key backwards and filter when a third of the rows match: in order all the same.
        plans["notifications"].Should().Contain(provider == "sqlite" ? "ix_notifications_audience" : "Index");
        plans["notifications of a kind"].Should().Contain(provider == "sqlite" ? "ix_notifications_audience_kind" : "Index");
        plans["audit entries"].Should().Contain(provider == "sqlite" ? "ix_audit_entries_case" : "Index");
        var trail = await host.Services.GetRequiredService<AuditTrail>().PageAsync("case-7", StepListFilter.None, null, null, 2, 50);
        trail.TotalCount.Should().Be(100);
        trail.Items.Select(e => e.Sequence - first).Should().Equal(Enumerable.Range(50, 50).Select(k => 7L + 30 * k), "chain order, the second page");
    }
}
