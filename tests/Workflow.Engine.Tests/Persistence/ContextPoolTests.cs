using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// The registered factory hands out pooled contexts (docs/persistence.md, *Wiring*): a context disposed after one unit of
/// work comes back for the next one, reset — nothing of the first unit of work reaches the second.
/// </summary>
public sealed class ContextPoolTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_disposed_context_is_handed_out_again_with_nothing_of_its_last_unit_of_work(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var contexts = (await db.OpenAsync()).GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

        var first = await contexts.CreateDbContextAsync();
        first.Database.AutoSavepointsEnabled = false;
        await first.Database.BeginTransactionAsync();
        first.Add(new IdempotencyRow { Scope = "s", Key = "k", RequestHash = "h", ResponseJson = "{}", CreatedAt = NodaTime.Instant.FromUnixTimeSeconds(0) });
        await first.DisposeAsync();

        await using var second = await contexts.CreateDbContextAsync();

        second.Should().BeSameAs(first, "the factory pools its contexts");
        second.ChangeTracker.Entries().Should().BeEmpty();
        second.Database.CurrentTransaction.Should().BeNull();
        second.Database.AutoSavepointsEnabled.Should().BeTrue();
        (await second.Set<IdempotencyRow>().CountAsync()).Should().Be(0, "the first unit of work was never committed");
    }

    [Fact]
    public async Task A_context_bound_to_another_connection_never_enters_the_pool()
    {
        await using var db = new SqliteTestDatabase();
        var contexts = (WorkflowDbContextFactory)(await db.OpenAsync()).GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

        var bound = contexts.CreateUnpooled();
        await bound.DisposeAsync();
        await using var next = await contexts.CreateDbContextAsync();

        next.Should().NotBeSameAs(bound);
    }
}
