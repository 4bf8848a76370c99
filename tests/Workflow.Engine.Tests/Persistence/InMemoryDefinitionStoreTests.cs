using Workflow.Engine.Persistence;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

public class InMemoryDefinitionStoreTests
{
    private readonly InMemoryWorkflowDefinitionStore _store = new(FakeClock.At("2026-03-02T09:00:00+08:00"));

    [Fact]
    public async Task Saving_a_draft_updates_it_and_saving_over_a_published_version_creates_the_next_draft()
    {
        var v1 = await _store.SaveAsync("d", "D", null, "{\"a\":1}", publish: false);
        var v1b = await _store.SaveAsync("d", "D", null, "{\"a\":2}", publish: true);
        v1b.Id.Should().Be(v1.Id);
        v1b.Version.Should().Be(1);
        v1b.IsPublished.Should().BeTrue();

        var v2 = await _store.SaveAsync("d", "D", null, "{\"a\":3}", publish: false);

        v2.Version.Should().Be(2);
        v2.IsLatest.Should().BeTrue();
        v2.IsPublished.Should().BeFalse();
        (await _store.FindAsync("d", VersionSelector.Published))!.Json.Should().Be("{\"a\":2}");
        (await _store.FindAsync("d", VersionSelector.Latest))!.Version.Should().Be(2);

        await _store.SaveAsync("d", "D", null, "{\"a\":4}", publish: true);
        (await _store.ListVersionsAsync("d")).Select(v => (v.Version, v.IsLatest, v.IsPublished)).Should().Equal((1, false, false), (2, true, true));
        (await _store.RetractAsync("d"))!.Version.Should().Be(2);
        (await _store.FindAsync("d", VersionSelector.Published)).Should().BeNull();
    }
}
