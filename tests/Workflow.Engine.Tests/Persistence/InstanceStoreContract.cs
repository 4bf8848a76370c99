using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// The rules every <see cref="IWorkflowInstanceStore"/> must keep. A store's test class derives from this and says how
/// to make a fresh, empty store (the EF Core stores run the same facts on SQLite).
/// </summary>
public abstract class InstanceStoreContract
{
    protected abstract Task<IWorkflowInstanceStore> CreateStoreAsync();

    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 1, 0);

    protected static WorkflowInstance NewInstance(string id = "i1") => new()
    {
        Id = id,
        DefinitionId = "d",
        DefinitionVersion = 1,
        DefinitionVersionId = "d-v1",
        Variables = new JsonObject { ["n"] = 1 },
        Bookmarks = [new Bookmark("b1", "a", "Elsa.Delay", "root:a", "Delay", new JsonObject { ["x"] = "y" }, At, At + Duration.FromMinutes(5))],
        ExecutionState = new JsonObject { ["mode"] = "Token" },
        Status = WorkflowStatus.Running,
        SubStatus = WorkflowSubStatus.Suspended,
        CreatedAt = At,
        UpdatedAt = At,
    };

    private static JournalEntry Line(string instanceId, long sequence) =>
        new(instanceId, sequence, "a", "Elsa.Delay", "root:a", JournalEventKind.Started, null, At);

    [Fact]
    public async Task Insert_then_find_returns_an_equal_copy_with_version_1()
    {
        var store = await CreateStoreAsync();
        var instance = NewInstance();
        await store.InsertAsync(instance, [Line("i1", 1)]);

        var found = (await store.FindAsync("i1"))!;

        found.Version.Should().Be(1);
        found.Variables.ToJsonString().Should().Be("""{"n":1}""");
        found.Bookmarks.Single().Should().BeEquivalentTo(instance.Bookmarks.Single(), o => o.Excluding(b => b.Payload));
        found.Bookmarks.Single().Payload!.ToJsonString().Should().Be("""{"x":"y"}""");
        found.ExecutionState["mode"]!.GetValue<string>().Should().Be("Token");
        (await store.GetJournalAsync("i1")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        await store.InsertAsync(NewInstance(), []);
        var first = (await store.FindAsync("i1"))!;
        var second = (await store.FindAsync("i1"))!;
        first.Name = "first";
        await store.UpdateAsync(first, [Line("i1", 1)]);
        first.Version.Should().Be(2);

        second.Name = "second";
        var act = () => store.UpdateAsync(second, [Line("i1", 2)]);

        (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which.ActualVersion.Should().Be(2);
        (await store.FindAsync("i1"))!.Name.Should().Be("first");
        (await store.GetJournalAsync("i1")).Should().ContainSingle();
    }

    [Fact]
    public async Task An_idempotency_key_is_stored_once_per_scope()
    {
        var store = await CreateStoreAsync();
        await store.InsertAsync(NewInstance(), []);
        var instance = (await store.FindAsync("i1"))!;
        await store.UpdateAsync(instance, [], new IdempotencyRecord("u", "k", "h", "{}", At));

        var again = (await store.FindAsync("i1"))!;
        var act = () => store.UpdateAsync(again, [], new IdempotencyRecord("u", "k", "h", "{}", At));

        await act.Should().ThrowAsync<DuplicateIdempotencyKeyException>();
        (await store.FindIdempotencyRecordAsync("u", "k"))!.ResponseJson.Should().Be("{}");
        (await store.FindIdempotencyRecordAsync("other", "k")).Should().BeNull();
        (await store.FindAsync("i1"))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task Due_timers_are_found_by_kind_and_time()
    {
        var store = await CreateStoreAsync();
        await store.InsertAsync(NewInstance(), []);

        (await store.FindBookmarksAsync(new BookmarkFilter(Kind: "Delay", DueBy: At + Duration.FromMinutes(5)))).Should().ContainSingle();
        (await store.FindBookmarksAsync(new BookmarkFilter(Kind: "Delay", DueBy: At))).Should().BeEmpty();
        (await store.FindBookmarksAsync(new BookmarkFilter(InstanceId: "other"))).Should().BeEmpty();
    }
}
