using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

public sealed class InstanceStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Insert_then_find_round_trips_every_field_to_the_nanosecond(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var instance = InstanceSamples.Suspended();
        instance.Fault = new WorkflowFault("review-fgw", "boom", "E42");
        instance.FinishedAt = InstanceSamples.Start + Duration.FromHours(1) + Duration.FromNanoseconds(1);

        await store.InsertAsync(instance, [InstanceSamples.Line("inst-1", 1), InstanceSamples.Line("inst-1", 2, JournalEventKind.BookmarkCreated)]);

        instance.Version.Should().Be(1, "the store sets the stored version on the object it saved");
        var loaded = (await store.FindAsync("inst-1"))!;
        loaded.Should().NotBeNull();
        loaded.Should().BeEquivalentTo(instance, o => o
            .Excluding(i => i.Input).Excluding(i => i.Variables).Excluding(i => i.ExecutionState).Excluding(i => i.Bookmarks));
        JsonNode.DeepEquals(loaded.Input, instance.Input).Should().BeTrue();
        JsonNode.DeepEquals(loaded.Variables, instance.Variables).Should().BeTrue();
        JsonNode.DeepEquals(loaded.ExecutionState, instance.ExecutionState).Should().BeTrue();
        loaded.CreatedAt.Should().Be(InstanceSamples.Start);
        loaded.UpdatedAt.Should().Be(InstanceSamples.Start.PlusNanoseconds(999));
        loaded.FinishedAt.Should().Be(instance.FinishedAt);
        loaded.Fault.Should().Be(new WorkflowFault("review-fgw", "boom", "E42"));

        loaded.Bookmarks.Select(b => b.Id).Should().Equal("bm-review-fgw", "bm-timer", "bm-event");
        for (var i = 0; i < instance.Bookmarks.Count; i++)
        {
            var (expected, actual) = (instance.Bookmarks[i], loaded.Bookmarks[i]);
            actual.Should().BeEquivalentTo(expected, o => o.Excluding(b => b.Payload));
            JsonNode.DeepEquals(actual.Payload, expected.Payload).Should().BeTrue();
        }

        loaded.Bookmarks[1].ResumeAt.Should().Be(InstanceSamples.Start + Duration.FromDays(5) + Duration.FromNanoseconds(7));

        var journal = await store.GetJournalAsync("inst-1");
        journal.Should().HaveCount(2);
        journal[0].Should().BeEquivalentTo(InstanceSamples.Line("inst-1", 1), o => o.Excluding(j => j.Data));
        journal[1].Event.Should().Be(JournalEventKind.BookmarkCreated);
        journal[1].Outcome.Should().BeNull();
        journal[1].At.Should().Be(InstanceSamples.Start.PlusNanoseconds(2));
        JsonNode.DeepEquals(journal[0].Data, new JsonObject { ["n"] = 1 }).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Find_of_an_unknown_instance_is_null(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        (await store.FindAsync("nope")).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Update_replaces_bookmarks_appends_journal_and_increments_the_version(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var instance = InstanceSamples.Suspended();
        await store.InsertAsync(instance, [InstanceSamples.Line("inst-1", 1)]);

        var loaded = (await store.FindAsync("inst-1"))!;
        loaded.Bookmarks.RemoveAll(b => b.Id == "bm-review-fgw");
        loaded.Bookmarks.Add(new Bookmark("bm-new", "review-zjj", "Permit.HumanStep", "Workflow1:review-zjj", "HumanTask", null, InstanceSamples.Start));
        loaded.Variables["approved"] = true;
        loaded.UpdatedAt = InstanceSamples.Start + Duration.FromMinutes(5);
        await store.UpdateAsync(loaded, [InstanceSamples.Line("inst-1", 2), InstanceSamples.Line("inst-1", 3)]);

        loaded.Version.Should().Be(2);
        var again = (await store.FindAsync("inst-1"))!;
        again.Version.Should().Be(2);
        again.Bookmarks.Select(b => b.Id).Should().Equal("bm-timer", "bm-event", "bm-new");
        again.Variables["approved"]!.GetValue<bool>().Should().BeTrue();
        again.UpdatedAt.Should().Be(InstanceSamples.Start + Duration.FromMinutes(5));
        (await store.GetJournalAsync("inst-1")).Select(j => j.Sequence).Should().Equal(1, 2, 3);
        (await store.FindBookmarksAsync(new BookmarkFilter(InstanceId: "inst-1"))).Should().HaveCount(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        await store.InsertAsync(InstanceSamples.Suspended(), [InstanceSamples.Line("inst-1", 1)]);
        var first = (await store.FindAsync("inst-1"))!;
        var stale = (await store.FindAsync("inst-1"))!;
        first.Variables["winner"] = "first";
        await store.UpdateAsync(first, [InstanceSamples.Line("inst-1", 2)]);

        stale.Variables["winner"] = "stale";
        stale.Bookmarks.Clear();
        stale.Status = WorkflowStatus.Finished;
        var record = new IdempotencyRecord("agent1", "key-1", "hash", "{}", InstanceSamples.Start);
        var act = () => store.UpdateAsync(stale, [InstanceSamples.Line("inst-1", 3)], record);

        var conflict = (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
        conflict.InstanceId.Should().Be("inst-1");
        conflict.ExpectedVersion.Should().Be(1);
        conflict.ActualVersion.Should().Be(2);
        stale.Version.Should().Be(1, "a refused update leaves the caller's object as it was");

        var stored = (await store.FindAsync("inst-1"))!;
        stored.Version.Should().Be(2);
        stored.Status.Should().Be(WorkflowStatus.Running);
        stored.Variables["winner"]!.GetValue<string>().Should().Be("first");
        stored.Bookmarks.Should().HaveCount(3);
        (await store.GetJournalAsync("inst-1")).Select(j => j.Sequence).Should().Equal(1, 2);
        (await store.FindIdempotencyRecordAsync("agent1", "key-1")).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Updating_an_instance_that_was_neverstored_names_it(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var act = () => store.UpdateAsync(InstanceSamples.Suspended("ghost"), []);
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*'ghost'*not stored*");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Inserting_an_existing_id_is_a_conflict_and_keeps_the_first(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        await store.InsertAsync(InstanceSamples.Suspended(), [InstanceSamples.Line("inst-1", 1)]);
        var second = InstanceSamples.Suspended();
        second.Name = "second";

        var act = () => store.InsertAsync(second, []);

        (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which.ActualVersion.Should().Be(1);
        (await store.FindAsync("inst-1"))!.Name.Should().Be("审批 case 1");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_idempotency_record_isstored_with_the_update(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        await store.InsertAsync(InstanceSamples.Suspended(), []);
        var loaded = (await store.FindAsync("inst-1"))!;
        var record = new IdempotencyRecord("reviewer-fgw", "k-42", "sha256:abc", """{"status":"applied"}""", InstanceSamples.Start.PlusNanoseconds(5));

        await store.UpdateAsync(loaded, [InstanceSamples.Line("inst-1", 1)], record);

        (await store.FindIdempotencyRecordAsync("reviewer-fgw", "k-42")).Should().Be(record);
        (await store.FindIdempotencyRecordAsync("reviewer-zjj", "k-42")).Should().BeNull("keys are scoped");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_duplicate_idempotency_key_throws_and_applies_nothing(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        await store.InsertAsync(InstanceSamples.Suspended(), []);
        var loaded = (await store.FindAsync("inst-1"))!;
        var record = new IdempotencyRecord("reviewer-fgw", "k-42", "h1", "{\"n\":1}", InstanceSamples.Start);
        await store.UpdateAsync(loaded, [InstanceSamples.Line("inst-1", 1)], record);

        // Same key again with a current version: still refused, nothing of it lands.
        loaded.Variables["second"] = true;
        loaded.Bookmarks.Clear();
        var act = () => store.UpdateAsync(loaded, [InstanceSamples.Line("inst-1", 2)], record with { RequestHash = "h2", ResponseJson = "{\"n\":2}" });

        var duplicate = (await act.Should().ThrowAsync<DuplicateIdempotencyKeyException>()).Which;
        duplicate.Scope.Should().Be("reviewer-fgw");
        duplicate.Key.Should().Be("k-42");
        loaded.Version.Should().Be(2);
        var stored = (await store.FindAsync("inst-1"))!;
        stored.Version.Should().Be(2);
        stored.Variables.ContainsKey("second").Should().BeFalse();
        stored.Bookmarks.Should().HaveCount(3);
        (await store.GetJournalAsync("inst-1")).Should().ContainSingle();
        (await store.FindIdempotencyRecordAsync("reviewer-fgw", "k-42"))!.ResponseJson.Should().Be("{\"n\":1}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_duplicate_idempotency_key_on_insertstores_no_instance(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var record = new IdempotencyRecord("agent1", "start-1", "h", "{}", InstanceSamples.Start);
        await store.InsertAsync(InstanceSamples.Suspended("a"), [], record);

        var act = () => store.InsertAsync(InstanceSamples.Suspended("b"), [InstanceSamples.Line("b", 1)], record);

        await act.Should().ThrowAsync<DuplicateIdempotencyKeyException>();
        (await store.FindAsync("b")).Should().BeNull();
        (await store.GetJournalAsync("b")).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bookmarks_are_found_by_due_time_kind_activity_type_and_instance(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var a = InstanceSamples.Suspended("a");
        var b = InstanceSamples.Suspended("b");
        b.Bookmarks = [.. b.Bookmarks.Select(x => x with { Id = "b-" + x.Id, ResumeAt = x.ResumeAt?.Minus(Duration.FromDays(1)) })];
        await store.InsertAsync(a, []);
        await store.InsertAsync(b, []);
        var dueA = InstanceSamples.Start + Duration.FromDays(5) + Duration.FromNanoseconds(7);

        var dueBeforeA = await store.FindBookmarksAsync(new BookmarkFilter(DueBy: dueA - Duration.FromNanoseconds(1)));
        dueBeforeA.Should().ContainSingle().Which.Should().Be(("b", b.Bookmarks[1]));

        var dueAtA = await store.FindBookmarksAsync(new BookmarkFilter(DueBy: dueA));
        dueAtA.Select(x => x.Bookmark.Id).Should().Equal("b-bm-timer", "bm-timer");

        (await store.FindBookmarksAsync(new BookmarkFilter(Kind: "HumanTask"))).Select(x => x.InstanceId).Should().Equal("a", "b");
        (await store.FindBookmarksAsync(new BookmarkFilter(ActivityType: "Elsa.Event", InstanceId: "b"))).Should().ContainSingle()
            .Which.Bookmark.Id.Should().Be("b-bm-event");
        (await store.FindBookmarksAsync(new BookmarkFilter())).Should().HaveCount(6);
        (await store.FindBookmarksAsync(new BookmarkFilter(Kind: "Nothing"))).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bad_input_is_refused_with_a_message_naming_the_fault(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var foreignLine = () => store.InsertAsync(InstanceSamples.Suspended("a"), [InstanceSamples.Line("other", 1)]);
        (await foreignLine.Should().ThrowAsync<ArgumentException>()).WithMessage("*'other'*'a'*");

        var twice = InstanceSamples.Suspended("a");
        twice.Bookmarks.Add(twice.Bookmarks[0]);
        var repeated = () => store.InsertAsync(twice, []);
        (await repeated.Should().ThrowAsync<ArgumentException>()).WithMessage("*'bm-review-fgw'*twice*");

        (await store.FindAsync("a")).Should().BeNull();
    }
}
