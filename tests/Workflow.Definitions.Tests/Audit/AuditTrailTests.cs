using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Audit;

/// <summary>The audit hash chain (docs/audit.md) on SQLite and PostgreSQL.</summary>
public class AuditTrailTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_case_writes_its_entries_with_its_saves_and_the_chain_verifies(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var audit = host.Services.GetRequiredService<AuditTrail>();
        var project = await host.ProjectAsync();
        var file = await host.ApplyAsync(project, Stage.ConstructionPermit);
        var intake = await host.OpenStepAsync(file.CaseId, PermitActivity.FrontDesk);
        using (AuditScope.Begin(new AuditActor("frontdesk", "frontdesk")))
            await host.AcceptAsync(file.CaseId);

        var entries = await audit.ForCaseAsync(file.CaseId);
        entries[0].Action.Should().Be("case.filed");
        entries[0].Actor.Should().Be("agent1");
        entries[0].Role.Should().Be("agent");
        entries.Should().Contain(e => e.Action == "step.opened" && e.StepId == intake.Id);
        var acted = entries.Single(e => e.Action == "step.acted" && e.StepId == intake.Id);
        acted.Actor.Should().Be("frontdesk");
        acted.Before.Should().Be("Open");
        acted.After.Should().Be("Completed: Accepted");
        entries.Should().Contain(e => e.Action == "case.state" && e.Before == "Submitted" && e.After == "InReview");
        entries.Select(e => e.At).Should().OnlyContain(at => at == PermitTestHost.At("2025-03-03T09:30:00+08:00"));

        var verified = await audit.VerifyAsync();
        verified.IsIntact.Should().BeTrue();
        verified.Verified.Should().Be(await CountAsync(host));
        verified.Verified.Should().BeGreaterThanOrEqualTo(entries.Count);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Concurrent_appenders_never_fork_the_chain(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var audit = host.Services.GetRequiredService<AuditTrail>();
        var before = await CountAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
                await audit.AppendAsync(new AuditFact("test.append", $"writer{writer}", "test", After: i.ToString()));
        })));

        var verified = await audit.VerifyAsync();
        verified.Break.Should().BeNull();
        verified.Verified.Should().Be(before + 40);
    }

    [Fact]
    public async Task A_fact_handed_to_the_flow_is_written_once_by_the_next_committed_save()
    {
        await using var host = await PermitTestHost.StartAsync();
        var audit = host.Services.GetRequiredService<AuditTrail>();
        var project = await host.ProjectAsync();
        var file = await host.ApplyAsync(project, Stage.ConstructionPermit);
        using (AuditScope.Begin(new AuditActor("frontdesk", "frontdesk")))
        {
            AuditScope.Record(new AuditFact("notice.urged", Before: "none", After: "reply due 2025-03-10"));
            await host.AcceptAsync(file.CaseId);
            // A second save in the same flow must not write it again.
            await host.Materials.SupplyAsync(file.CaseId, [file.Materials[0].Code], "agent1");
        }

        var urged = (await audit.ForCaseAsync(file.CaseId)).Where(e => e.Action == "notice.urged").ToList();
        urged.Should().ContainSingle();
        urged[0].Actor.Should().Be("frontdesk");
        urged[0].CaseId.Should().Be(file.CaseId, "a fact naming no case belongs to the case of the save that writes it");
    }

    [Fact]
    public async Task Appending_outside_a_transaction_is_refused()
    {
        await using var host = await PermitTestHost.StartAsync();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var append = () => host.Services.GetRequiredService<AuditTrail>().AppendAsync(db, [new AuditFact("x")]);
        await append.Should().ThrowAsync<InvalidOperationException>().WithMessage("*inside the transaction*");
    }

    [Fact]
    public async Task An_edited_entry_and_a_deleted_entry_are_named()
    {
        await using var host = await PermitTestHost.StartAsync();
        var audit = host.Services.GetRequiredService<AuditTrail>();
        // The stage workflows published at start-up are on the chain already (definition.published).
        var start = await CountAsync(host);
        for (var i = 1; i <= 5; i++) await audit.AppendAsync(new AuditFact("test.append", "u", "test", After: i.ToString()));
        (await audit.VerifyAsync()).Verified.Should().Be(start + 5);

        await ExecuteAsync(host, $"UPDATE audit_entries SET after = 'forged' WHERE sequence = {start + 3}");
        var altered = await audit.VerifyAsync();
        altered.Break!.Sequence.Should().Be(start + 3);
        altered.Break.Kind.Should().Be(AuditBreakKind.Altered);
        altered.Verified.Should().Be(start + 2);

        await ExecuteAsync(host, $"UPDATE audit_entries SET after = '3' WHERE sequence = {start + 3}");
        (await audit.VerifyAsync()).IsIntact.Should().BeTrue("the original contents hash to the recorded hash again");
        await ExecuteAsync(host, $"DELETE FROM audit_entries WHERE sequence = {start + 4}");
        var gap = await audit.VerifyAsync();
        gap.Break!.Sequence.Should().Be(start + 4);
        gap.Break.Kind.Should().Be(AuditBreakKind.Missing);
        gap.Break.Message.Should().Contain($"entry {start + 4} is missing");
    }

    private static async Task<long> CountAsync(PermitTestHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Set<AuditEntry>().LongCountAsync();
    }

    private static async Task ExecuteAsync(PermitTestHost host, string sql)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
