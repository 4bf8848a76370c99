using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Audit;

/// <summary>
/// Publishing, retracting and deleting a definition are on the audit trail, written in the definition store's own
/// transaction (docs/audit.md, "Definition publishes").
/// </summary>
public class DefinitionAuditTests
{
    private const string Json = """{"id":"audit-demo","definitionId":"audit-demo","root":{"id":"flow","type":"Elsa.Flowchart","activities":[],"connections":[]}}""";

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Each_change_that_runs_or_stops_a_version_leaves_one_entry_by_its_actor(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var store = host.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var before = await EntriesAsync(host);

        using (AuditScope.Begin(new AuditActor("designer", "admin")))
        {
            await store.SaveAsync("audit-demo", "审计演示", null, Json, publish: false);   // a draft: not audited
            await store.PublishAsync("audit-demo");                                      // v1 published
            await store.SaveAsync("audit-demo", "审计演示", null, Json, publish: true);    // v2 published over v1
            await store.PublishAsync("audit-demo");                                      // already published: nothing
            await store.RetractAsync("audit-demo");
            var v1 = (await store.ListVersionsAsync("audit-demo"))[0];
            await store.DeleteVersionAsync(v1.Id);
            await store.DeleteAsync("audit-demo");
        }

        var written = (await EntriesAsync(host)).Skip(before.Count).Select(e => (e.Action, e.Before, e.After, e.Actor, e.Role)).ToList();
        written.Should().Equal(
            ("definition.published", null, "audit-demo v1", "designer", "admin"),
            ("definition.published", "audit-demo v1", "audit-demo v2", "designer", "admin"),
            ("definition.retracted", "audit-demo v2", null, "designer", "admin"),
            ("definition.version-deleted", "audit-demo v1", null, "designer", "admin"),
            ("definition.deleted", "audit-demo", null, "designer", "admin"));
        (await host.Services.GetRequiredService<AuditTrail>().VerifyAsync()).IsIntact.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_publish_that_fails_to_commit_leaves_no_entry_and_an_entry_that_fails_leaves_no_publish(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var registered = host.Services.GetServices<IDefinitionChangeParticipant>().ToList();
        registered.Should().Contain(p => p is DefinitionAuditParticipant);
        var failing = new EfWorkflowDefinitionStore(
            host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), host.Services.GetRequiredService<IClock>(),
            participants: [.. registered, new Refusing()]);
        await failing.SaveAsync("audit-demo", "审计演示", null, Json, publish: false);
        var before = await EntriesAsync(host);

        var publish = () => failing.PublishAsync("audit-demo");

        await publish.Should().ThrowAsync<InvalidOperationException>().WithMessage("refused*");
        (await EntriesAsync(host)).Should().HaveCount(before.Count, "the audit entry was written in the publish's transaction, which rolled back");
        (await failing.FindAsync("audit-demo", VersionSelector.Published)).Should().BeNull();
    }

    private static async Task<List<AuditEntry>> EntriesAsync(PermitTestHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private sealed class Refusing : IDefinitionChangeParticipant
    {
        public Task OnChangingAsync(DefinitionChange change, WorkflowDbContext db, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("refused by the test");
    }
}
