using NodaTime;
using Workflow.Engine.Persistence;

namespace Workflow.Engine.Tests.Persistence;

public sealed class DefinitionStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_stamp_names_the_version_each_selector_picks_without_reading_its_json(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        var v1 = await store.SaveAsync("permit", "Permit", null, "{\"v\":1}", publish: true);
        var v2 = await store.SaveAsync("permit", "Permit", null, "{\"v\":2}", publish: false);
        await store.SaveAsync("other", "Other", null, "{\"v\":1}", publish: true);

        // Saving v2 took "latest" from v1, a write of v1's row: its row version moved.
        var v1Now = (await store.FindByIdAsync(v1.Id))!;
        v1Now.RowVersion.Should().BeGreaterThan(v1.RowVersion);
        (await store.FindStampAsync("permit", VersionSelector.Published)).Should().Be(new DefinitionVersionStamp(v1.Id, "permit", 1, true, v1Now.RowVersion));
        (await store.FindStampAsync("permit", VersionSelector.Latest)).Should().Be(new DefinitionVersionStamp(v2.Id, "permit", 2, false, v2.RowVersion));
        (await store.FindStampAsync("permit", VersionSelector.LatestOrPublished))!.Id.Should().Be(v2.Id);
        (await store.FindStampAsync("permit", VersionSelector.AllVersions))!.Id.Should().Be(v2.Id);
        (await store.FindStampAsync("permit", VersionSelector.Specific, 1))!.Id.Should().Be(v1.Id);
        (await store.FindStampAsync("permit", VersionSelector.Specific, 3)).Should().BeNull();
        (await store.FindStampAsync("absent", VersionSelector.Published)).Should().BeNull();
        await store.Invoking(s => s.FindStampAsync("permit", VersionSelector.Specific)).Should().ThrowAsync<ArgumentException>();

        // Publishing v2 moves the published stamp, and a retract leaves none.
        await store.PublishAsync("permit");
        (await store.FindStampAsync("permit", VersionSelector.Published))!.Should().Match<DefinitionVersionStamp>(s => s.Id == v2.Id && s.IsPublished && s.RowVersion > v2.RowVersion);
        await store.RetractAsync("permit");
        (await store.FindStampAsync("permit", VersionSelector.Published)).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_versioning_rules_of_contracts_section_9(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        // First save: version 1, latest draft, stamped by the clock.
        var v1 = await store.SaveAsync("permit", "Permit", "first", "{\"v\":1}", publish: false);
        v1.Should().BeEquivalentTo(new { DefinitionId = "permit", Version = 1, IsLatest = true, IsPublished = false, Json = "{\"v\":1}", Description = "first" });
        v1.CreatedAt.Should().Be(db.Clock.GetCurrentInstant());

        // Saving a draft again updates it in place.
        db.Clock.Advance(Duration.FromMinutes(1));
        var v1Again = await store.SaveAsync("permit", "Permit 2", null, "{\"v\":2}", publish: false);
        v1Again.Id.Should().Be(v1.Id);
        v1Again.Version.Should().Be(1);
        v1Again.Name.Should().Be("Permit 2");
        v1Again.Description.Should().BeNull();
        v1Again.Json.Should().Be("{\"v\":2}");
        v1Again.RowVersion.Should().BeGreaterThan(v1.RowVersion);
        (await store.ListVersionsAsync("permit")).Should().ContainSingle();

        // Publishing publishes the latest under its own number.
        var published = await store.PublishAsync("permit");
        published!.Id.Should().Be(v1.Id);
        published.IsPublished.Should().BeTrue();
        published.IsLatest.Should().BeTrue();
        (await store.PublishAsync("permit"))!.Should().Be(published, "publishing a published latest changes nothing");

        // Saving while the latest is published creates v2 as the latest draft; v1 stays published.
        var v2 = await store.SaveAsync("permit", "Permit", null, "{\"v\":3}", publish: false);
        v2.Version.Should().Be(2);
        v2.Id.Should().NotBe(v1.Id);
        v2.IsLatest.Should().BeTrue();
        v2.IsPublished.Should().BeFalse();
        var v1Now = (await store.FindByIdAsync(v1.Id))!;
        v1Now.IsLatest.Should().BeFalse();
        v1Now.IsPublished.Should().BeTrue();
        v1Now.Json.Should().Be("{\"v\":2}", "a published version is never edited");
        (await store.FindAsync("permit", VersionSelector.Published))!.Id.Should().Be(v1.Id);
        (await store.FindAsync("permit", VersionSelector.Latest))!.Id.Should().Be(v2.Id);
        (await store.FindAsync("permit", VersionSelector.LatestOrPublished))!.Id.Should().Be(v2.Id);
        (await store.FindAsync("permit", VersionSelector.Specific, 1))!.Id.Should().Be(v1.Id);
        (await store.FindAsync("permit", VersionSelector.Specific, 9)).Should().BeNull();

        // Saving the draft v2 again keeps it v2.
        (await store.SaveAsync("permit", "Permit", null, "{\"v\":4}", publish: false)).Id.Should().Be(v2.Id);

        // Publishing v2 unpublishes v1.
        await store.PublishAsync("permit");
        var versions = await store.ListVersionsAsync("permit");
        versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)).Should().Equal((1, false, false), (2, true, true));

        // Save-and-publish while the latest is published: v3, published, v2 unpublished.
        var v3 = await store.SaveAsync("permit", "Permit", null, "{\"v\":5}", publish: true);
        v3.Version.Should().Be(3);
        (await store.ListVersionsAsync("permit")).Select(v => (v.Version, v.IsLatest, v.IsPublished))
            .Should().Equal((1, false, false), (2, false, false), (3, true, true));

        // Retract unpublishes; a second retract finds nothing published.
        var retracted = await store.RetractAsync("permit");
        retracted!.Id.Should().Be(v3.Id);
        retracted.IsPublished.Should().BeFalse();
        retracted.IsLatest.Should().BeTrue();
        (await store.RetractAsync("permit")).Should().BeNull();
        (await store.FindAsync("permit", VersionSelector.Published)).Should().BeNull();

        // Saving after a retract edits the (now draft) latest in place.
        (await store.SaveAsync("permit", "Permit", null, "{\"v\":6}", publish: false)).Id.Should().Be(v3.Id);

        // Delete removes every version.
        (await store.DeleteAsync("permit")).Should().BeTrue();
        (await store.ListVersionsAsync("permit")).Should().BeEmpty();
        (await store.FindByIdAsync(v1.Id)).Should().BeNull();
        (await store.DeleteAsync("permit")).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Save_and_publish_of_a_new_definition_publishes_version_1(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        var v1 = await store.SaveAsync("d", "D", null, "{}", publish: true);
        v1.Version.Should().Be(1);
        v1.IsPublished.Should().BeTrue();
        v1.IsLatest.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Operations_on_an_unknown_definition_answer_nothing(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        (await store.FindAsync("none", VersionSelector.Latest)).Should().BeNull();
        (await store.PublishAsync("none")).Should().BeNull();
        (await store.RetractAsync("none")).Should().BeNull();
        (await store.ListVersionsAsync("none")).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_latest_pages_and_searches_name_and_definition_id_case_insensitively(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        await store.SaveAsync("building-permit", "Building permit", null, "{}", publish: true);
        await store.SaveAsync("building-permit", "Building permit", null, "{\"v\":2}", publish: false);
        await store.SaveAsync("fire-check", "Fire safety check", null, "{}", publish: false);
        await store.SaveAsync("water", "Water connection", null, "{}", publish: false);
        await store.SaveAsync("zoning", "Zoning approval", null, "{}", publish: false);
        await store.SaveAsync("land", "Approval of land use", null, "{}", publish: false);

        var all = await store.ListLatestAsync(null, 0, 100);
        all.TotalCount.Should().Be(5);
        all.Items.Select(d => d.Name).Should().Equal("Approval of land use", "Building permit", "Fire safety check", "Water connection", "Zoning approval");
        all.Items.Single(d => d.DefinitionId == "building-permit").Version.Should().Be(2, "only the latest version is listed");

        var page = await store.ListLatestAsync("  ", 2, 2);
        page.TotalCount.Should().Be(5);
        page.Items.Select(d => d.DefinitionId).Should().Equal("fire-check", "water");

        var approval = await store.ListLatestAsync("APPROVAL", 0, 1);
        approval.TotalCount.Should().Be(2);
        approval.Items.Should().ContainSingle().Which.DefinitionId.Should().Be("land");

        (await store.ListLatestAsync("fire-CH", 0, 10)).Items.Should().ContainSingle().Which.Name.Should().Be("Fire safety check");
        (await store.ListLatestAsync("50%", 0, 10)).TotalCount.Should().Be(0);
        (await store.ListLatestAsync(null, 10, 10)).Items.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bad_arguments_name_the_fault(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        await FluentActions.Awaiting(() => store.ListLatestAsync(null, -1, 10)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("skip");
        await FluentActions.Awaiting(() => store.ListLatestAsync(null, 0, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("take");
        await FluentActions.Awaiting(() => store.FindAsync("d", VersionSelector.Specific)).Should().ThrowAsync<ArgumentException>().WithMessage("*'d'*version number*");
        await FluentActions.Awaiting(() => store.SaveAsync(" ", "n", null, "{}", false)).Should().ThrowAsync<ArgumentException>().WithParameterName("definitionId");
        await FluentActions.Awaiting(() => store.SaveAsync("d", "n", null, "", false)).Should().ThrowAsync<ArgumentException>().WithMessage("*'d'*no JSON*");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_saves_from_two_processes_keep_one_latest_and_gapless_versions(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Definitions(await db.OpenAsync());
        var other = TestDatabases.Definitions(await db.OpenAsync());
        await store.SaveAsync("permit", "Permit", null, "{}", publish: true);

        var saves = Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? store : other).SaveAsync("permit", "Permit", null, $"{{\"i\":{i}}}", publish: i % 3 == 0)));
        await Task.WhenAll(saves);

        var versions = await store.ListVersionsAsync("permit");
        versions.Select(v => v.Version).Should().Equal(Enumerable.Range(1, versions.Count));
        versions.Count(v => v.IsLatest).Should().Be(1);
        versions.Last().IsLatest.Should().BeTrue();
        versions.Count(v => v.IsPublished).Should().BeLessThanOrEqualTo(1);
    }
}
