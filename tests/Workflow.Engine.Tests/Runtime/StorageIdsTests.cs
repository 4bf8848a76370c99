using NodaTime;
using Workflow.Engine.Runtime;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// The ids of instances and bookmarks keep their old shape (32 lowercase hex digits) but grow with the engine's clock, so
/// the rows being worked on sit together at the right edge of every B-tree keyed by them (docs/persistence.md).
/// </summary>
public class StorageIdsTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 2, 1, 0);

    [Fact]
    public void An_id_is_32_lowercase_hex_digits()
    {
        StorageIds.New(Monday).Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public void Ids_made_a_millisecond_apart_sort_in_the_order_they_were_made()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => StorageIds.New(Monday + Duration.FromMilliseconds(i))).ToList();

        ids.Should().BeInAscendingOrder(StringComparer.Ordinal);
        ids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_clock_before_1970_still_gets_ids()
    {
        var early = Instant.FromUtc(1969, 12, 31, 23, 59);

        StorageIds.New(early).Should().MatchRegex("^[0-9a-f]{32}$");
        string.CompareOrdinal(StorageIds.New(early), StorageIds.New(Monday)).Should().BeNegative();
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_are_still_distinct()
    {
        Enumerable.Range(0, 10_000).Select(_ => StorageIds.New(Monday)).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Instances_and_bookmarks_started_later_by_the_engines_clock_have_greater_ids()
    {
        var (_, runtime, clock) = TestFlow.Engine();
        var definition = TestFlow.ParallelEvents(3, "WaitAll").Definition();

        var first = await runtime.StartAsync(definition);
        clock.Advance(Duration.FromMilliseconds(1));
        var second = await runtime.StartAsync(definition);

        string.CompareOrdinal(second.Instance.Id, first.Instance.Id).Should().BePositive();
        string.CompareOrdinal(second.Instance.Bookmarks.Select(b => b.Id).Min(StringComparer.Ordinal), first.Instance.Bookmarks.Select(b => b.Id).Max(StringComparer.Ordinal))
            .Should().BePositive();
        second.Instance.Id.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task An_instance_id_the_caller_gives_is_kept()
    {
        var (_, runtime, _) = TestFlow.Engine();

        var started = await runtime.StartAsync(TestFlow.ParallelEvents(2, "WaitAll").Definition(), new StartWorkflowOptions { InstanceId = "elsa-export-4f2a" });

        started.Instance.Id.Should().Be("elsa-export-4f2a");
    }
}
