using System.Text.Json.Nodes;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>The execution state stored in parts (docs/persistence.md, *Execution state in parts*; issue #16).</summary>
public sealed class StatePartsTests
{
    private const string State = """
        {"mode":"Token","journalSequence":7,"faulted":false,
         "scopes":{"root":{"arrivals":{"fork->a":1,"a/b~c->join":2},"fired":{},"waitingJoins":["join"]}},
         "nodes":{"n1":{"deep":{"x":{"y":1}}},"n2":{}},"outputs":{}}
        """;

    [Fact]
    public void Every_value_to_four_levels_is_a_part_keyed_by_its_json_pointer()
    {
        var parts = StateParts.Split(JsonNode.Parse(State)!.AsObject()).ToDictionary(p => p.Key, p => p.Value);

        parts.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["/mode"] = "\"Token\"",
            ["/journalSequence"] = "7",
            ["/faulted"] = "false",
            ["/scopes/root/arrivals/fork->a"] = "1",
            ["/scopes/root/arrivals/a~1b~0c->join"] = "2",
            ["/scopes/root/fired"] = "{}",
            ["/scopes/root/waitingJoins"] = "[\"join\"]",
            ["/nodes/n1/deep/x"] = "{\"y\":1}",
            ["/nodes/n2"] = "{}",
            ["/outputs"] = "{}",
        });
    }

    [Fact]
    public void Cutting_the_parts_from_the_text_gives_the_parts_of_the_object()
    {
        var state = JsonNode.Parse(State)!.AsObject();

        var cut = StateParts.Split(System.Text.Encoding.UTF8.GetBytes(state.ToJsonString()));

        cut.Should().Equal(StateParts.Split(state));
    }

    [Fact]
    public void Assembling_the_parts_in_the_order_written_gives_the_state_back_with_its_property_order()
    {
        var state = JsonNode.Parse(State)!.AsObject();

        var assembled = StateParts.Assemble(StateParts.Split(state).Select(p => (p.Key, p.Value)), "i");

        assembled.ToJsonString().Should().Be(state.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_save_rewrites_only_the_parts_that_changed(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var instance = InstanceSamples.Suspended();
        instance.ExecutionState = JsonNode.Parse(State)!.AsObject();
        await store.InsertAsync(instance, []);
        db.Scalar("SELECT COUNT(*) FROM wf_state_parts WHERE instance_id = 'inst-1';").Should().Be(10L);
        // A marker in a part the next save does not change: rewriting it would overwrite the marker.
        db.Scalar("UPDATE wf_state_parts SET value = '\"marker\"' WHERE pointer = '/mode'; SELECT 1;");

        var loaded = (await TestDatabases.Instances(await db.OpenAsync()).FindAsync("inst-1"))!;
        loaded.ExecutionState["journalSequence"] = 8;
        loaded.ExecutionState["scopes"]!["root"]!["arrivals"]!["b->join"] = 1;
        loaded.ExecutionState["nodes"]!.AsObject().Remove("n2");
        await store.UpdateAsync(loaded, []);

        db.Scalar("SELECT value FROM wf_state_parts WHERE pointer = '/mode';").Should().Be("\"marker\"", "an unchanged part is not written");
        db.Scalar("SELECT value FROM wf_state_parts WHERE pointer = '/journalSequence';").Should().Be("8");
        db.Scalar("SELECT COUNT(*) FROM wf_state_parts WHERE pointer = '/nodes/n2';").Should().Be(0L);
        db.Scalar("SELECT ordinal FROM wf_state_parts WHERE pointer = '/scopes/root/arrivals/b->join';").Should().Be(10L, "a new part follows the last one");
        var reloaded = (await store.FindAsync("inst-1"))!;
        reloaded.ExecutionState["scopes"]!["root"]!["arrivals"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<int>()))
            .Should().Equal(("fork->a", 1), ("a/b~c->join", 2), ("b->join", 1));
        JsonNode.DeepEquals(reloaded.ExecutionState["nodes"], JsonNode.Parse("""{"n1":{"deep":{"x":{"y":1}}}}""")).Should().BeTrue();
        reloaded.ExecutionState["mode"]!.GetValue<string>().Should().Be("marker");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_instance_built_by_the_caller_is_compared_with_the_stored_parts(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var instance = InstanceSamples.Suspended();
        instance.ExecutionState = JsonNode.Parse(State)!.AsObject();
        await store.InsertAsync(instance, []);

        // Not loaded by the store (no parts known): the delta is taken against the table.
        var copy = InstanceSamples.Suspended();
        copy.Version = 1;
        copy.ExecutionState = JsonNode.Parse("""{"mode":"Counter","outputs":{}}""")!.AsObject();
        await store.UpdateAsync(copy, []);

        db.Scalar("SELECT COUNT(*) FROM wf_state_parts WHERE instance_id = 'inst-1';").Should().Be(2L);
        JsonNode.DeepEquals((await store.FindAsync("inst-1"))!.ExecutionState, JsonNode.Parse("""{"mode":"Counter","outputs":{}}""")).Should().BeTrue();
    }
}
