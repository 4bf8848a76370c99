using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Expressions;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// A save writes the parts a run touched without writing the whole state again (issue #16, constant cost per step;
/// docs/persistence.md, *Execution state in parts*). The expected parts always come from a split of the whole state's
/// JSON, the way every save found them before.
/// </summary>
public sealed class StateChangesTests
{
    private static readonly string[] Keys = ["a", "b", "fork:Done->review-1:In", "a/b", "c~d", "审查", "<x>&\"q\"", "e~1f"];

    [Fact]
    public void The_touched_parts_give_what_a_split_of_the_whole_state_gives_over_many_random_runs()
    {
        var random = new Random(20261203);
        var state = new ExecutionStateData();
        var known = Save(state);
        var touchedSaves = 0;

        for (var run = 1; run <= 3000; run++)
        {
            state.BeginRun();
            var outputs = new ActivityOutputs(state.Outputs) { Touched = state.TouchedOutputs };
            for (var change = random.Next(1, 5); change > 0; change--) Change(state, outputs, random);

            var expected = StatePartsChanges.All(known.Parts, known.LastOrdinal, StateParts.Split(state.ToUtf8()));
            var found = StateChanges.Find(state, known);

            found.Should().NotBeNull("the state is the object kept with the stored parts");
            var (changes, kept) = found!.Value;
            changes.Parts.Should().BeEquivalentTo(expected.Parts, $"run {run}: {state.ToUtf8().Length} bytes of state");
            changes.LastOrdinal.Should().Be(expected.LastOrdinal);
            changes.Count.Should().Be(expected.Count, "as many rows are written as a comparison of every part writes");
            touchedSaves++;

            known = kept with { Version = run };
            state.Baseline = known;
        }

        touchedSaves.Should().Be(3000);
        JsonNode.DeepEquals(StateParts.Assemble(known.Parts, "i"),
            JsonNode.Parse(state.ToUtf8())).Should().BeTrue("the stored parts assemble to the state");
    }

    [Fact]
    public void A_state_that_is_not_the_object_kept_with_the_stored_parts_is_not_compared_by_what_it_touched()
    {
        var state = new ExecutionStateData();
        var known = Save(state);
        state.Baseline = null;

        StateChanges.Find(state, known).Should().BeNull("the object was not kept with these parts (no baseline)");
        state.Baseline = known with { Version = 2 };
        StateChanges.Find(state, known).Should().BeNull("the object was kept with another save");
        state.Baseline = known;
        StateChanges.Find(state, known with { }).Should().BeNull("a copy is not the save the object was kept with");
        var withoutScopes = new StoredStateParts(1, known.Parts);
        state.Baseline = withoutScopes;
        StateChanges.Find(state, withoutScopes).Should().BeNull("the scopes as saved are not known (a load)");
        state.Baseline = known;
        StateChanges.Find(state, known).Should().NotBeNull();
    }

    [Fact]
    public void Every_property_of_a_scope_written_as_json_is_compared_in_the_order_it_is_written()
    {
        var written = JsonNode.Parse(JsonSerializer.Serialize(new ScopeState(), ExecutionStateData.Options))!.AsObject().Select(p => p.Key);

        ScopeDiff.Properties.Should().Equal(written);
    }

    [Fact]
    public void A_scope_copy_shares_no_collection_with_the_scope()
    {
        var scope = new ScopeState();
        var copy = scope.Copy();

        foreach (var property in typeof(ScopeState).GetProperties().Where(p => !p.PropertyType.IsValueType && p.PropertyType != typeof(string)))
        {
            property.GetValue(copy).Should().NotBeSameAs(property.GetValue(scope), property.Name);
        }
        JsonSerializer.Serialize(copy, ExecutionStateData.Options).Should().Be(JsonSerializer.Serialize(scope, ExecutionStateData.Options));
    }

    [Fact]
    public async Task A_resume_of_an_instance_this_process_saved_is_written_from_what_the_run_touched()
    {
        await using var database = new SqliteTestDatabase();
        var services = await database.OpenAsync(s => s.AddWorkflowEngine());
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(5, "WaitAll").Json(), publish: true);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync("fork");
        var waiting = started.Instance.Bookmarks.Select(b => b.Id).ToList();

        var first = await runtime.ResumeAsync(started.Instance.Id, waiting[0]);
        var second = await runtime.ResumeAsync(started.Instance.Id, waiting[1]);

        first.Instance.StoredState!.Scopes.Should().NotBeNull("the start's save kept the scopes for the next run to compare with");
        second.Instance.StoredState!.NodeParts.Should().NotBeEmpty();
        // The first resume's instance no longer reads the object the second run changed: its state is as it saved it.
        var journal = first.Instance.ExecutionState["journalSequence"]!.GetValue<long>();
        journal.Should().BeLessThan(second.Instance.ExecutionState["journalSequence"]!.GetValue<long>());
        var reloaded = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        JsonNode.DeepEquals(reloaded!.ExecutionState, second.Instance.ExecutionState).Should().BeTrue();
    }

    /// <summary>Saves <paramref name="state"/> as the store does after a split of the whole state, keeping the object with it.</summary>
    private static StoredStateParts Save(ExecutionStateData state)
    {
        var all = StatePartsChanges.All(new(StringComparer.Ordinal), -1, StateParts.Split(state.ToUtf8()));
        var saved = new StoredStateParts(1, all.Parts) { LastOrdinal = all.LastOrdinal, Scopes = StateChanges.Copy(state.Scopes) };
        state.Baseline = saved;
        return saved;
    }

    /// <summary>One change a run may make, made the way the runtime makes it (node states are marked when handed out).</summary>
    private static void Change(ExecutionStateData state, ActivityOutputs outputs, Random random)
    {
        string Key() => Keys[random.Next(Keys.Length)];
        switch (random.Next(14))
        {
            case 0:
                state.Mode = state.Mode == FlowchartMode.Token ? FlowchartMode.Counter : FlowchartMode.Token;
                break;
            case 1:
                state.JournalSequence += random.Next(1, 3);
                state.Faulted = random.Next(20) == 0;
                break;
            case 2:
                state.Scopes[Key()] = new ScopeState { IsComposite = random.Next(2) == 0, OwnerNodeId = random.Next(2) == 0 ? null : Key(), ParentScopeId = Key() };
                break;
            case 3:
                if (random.Next(4) == 0) state.Scopes.Clear();
                else state.Scopes.Remove(Key());
                break;
            case 4 or 5 or 6 or 7:
                if (state.Scopes.Count == 0) state.Scopes[Key()] = new ScopeState();
                ChangeScope(state.Scopes.ElementAt(random.Next(state.Scopes.Count)).Value, random, Key);
                break;
            case 8 or 9 or 10:
            {
                var node = Key();
                state.TouchedNodes.Add(node);
                if (random.Next(4) == 0 || !state.Nodes.TryGetValue(node, out var nodeState)) state.Nodes[node] = nodeState = new JsonObject();
                if (random.Next(3) == 0 && nodeState.Count > 0) nodeState.Remove(nodeState.ElementAt(random.Next(nodeState.Count)).Key);
                else nodeState[Key()] = Value(random, 3);
                break;
            }
            case 11:
                state.Nodes.Remove(Key());
                break;
            case 12:
                outputs.Record(Key(), random.Next(2) == 0 ? null : Key(), Value(random, 3));
                break;
            default:
                outputs.LastResult = Value(random, 2);
                break;
        }
    }

    private static void ChangeScope(ScopeState scope, Random random, Func<string> key)
    {
        Dictionary<string, long>[] counters = [scope.Visits, scope.ConnectionVisits, scope.Arrivals, scope.Fired];
        List<string>[] lists = [scope.Skipped, scope.WaitingJoins, scope.BackwardRuns];
        switch (random.Next(8))
        {
            case 0 or 1 or 2:
            {
                var map = counters[random.Next(counters.Length)];
                var k = key();
                map[k] = map.GetValueOrDefault(k) + 1;
                break;
            }
            case 3:
            {
                var map = counters[random.Next(counters.Length)];
                if (random.Next(3) == 0) map.Clear();
                else map.Remove(key());
                break;
            }
            case 4:
                if (random.Next(3) == 0) scope.LastFollowed.Remove(key());
                else scope.LastFollowed[key()] = random.Next(2) == 0;
                break;
            case 5:
            {
                var list = lists[random.Next(lists.Length)];
                if (random.Next(3) == 0) list.Clear();
                else if (random.Next(2) == 0) list.Remove(key());
                else list.Add(key());
                break;
            }
            case 6:
                scope.IsComposite = !scope.IsComposite;
                break;
            default:
                scope.OwnerNodeId = random.Next(3) == 0 ? null : key();
                scope.ParentScopeId = random.Next(3) == 0 ? null : key();
                break;
        }
    }

    private static JsonNode? Value(Random random, int depth) => random.Next(depth > 0 ? 7 : 4) switch
    {
        0 => null,
        1 => random.Next(100),
        2 => Keys[random.Next(Keys.Length)],
        3 => random.Next(2) == 0,
        4 => new JsonObject(),
        5 => new JsonArray(random.Next(10), Keys[random.Next(Keys.Length)]),
        _ => new JsonObject { [Keys[random.Next(Keys.Length)]] = Value(random, depth - 1), [Keys[random.Next(Keys.Length)] + "2"] = Value(random, depth - 1) },
    };
}
