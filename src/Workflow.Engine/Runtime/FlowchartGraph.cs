using Workflow.Engine.Activities;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The structure of one flowchart, computed once: activities by id, outbound connections in document order, the
/// start activity (Elsa's order of preference), which connections are forward (the acyclic part reached from the
/// start: a connection that would close a cycle is a backward connection) and each activity's forward ancestors.
/// Connections naming a missing activity are left out (validation reports them).
/// </summary>
public sealed class FlowchartGraph
{
    private readonly Dictionary<string, List<Connection>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Connection>> _forwardInbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Connection>> _allInbound = new(StringComparer.Ordinal);
    private readonly HashSet<Connection> _forward = [];
    // Filled lazily; a graph is shared by the runs of every instance of a parsed definition (For), so concurrently.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);

    // One graph per flowchart node of a parsed definition: building it costs O(connections × activities)
    // (ComputeForward), 3 ms at K=300, and a parsed published definition is kept and never changed
    // (ParsedDefinitionCache), so every resume of its instances used to rebuild the same graph (docs/benchmarks.md,
    // "2026-12-01 (3)").
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActivityNode, FlowchartGraph> Shared = [];

    /// <summary>Computes the structure of <paramref name="flowchart"/>; <paramref name="registry"/> tells which activities are start activities.</summary>
    internal FlowchartGraph(ActivityNode flowchart, ActivityRegistry? registry = null)
    {
        Flowchart = flowchart;
        Registry = registry;
        foreach (var a in flowchart.Activities)
            ById.TryAdd(a.Id, a);
        foreach (var c in flowchart.Connections)
        {
            if (!ById.ContainsKey(c.SourceActivityId) || !ById.ContainsKey(c.TargetActivityId)) continue;
            Valid.Add(c);
            List(_outbound, c.SourceActivityId).Add(c);
            List(_allInbound, c.TargetActivityId).Add(c);
        }
        Start = SelectStart(flowchart, registry);
        if (Start is not null) ComputeForward(Start.Id);
        foreach (var c in Valid.Where(_forward.Contains))
            List(_forwardInbound, c.TargetActivityId).Add(c);
    }

    /// <summary>
    /// The graph of <paramref name="flowchart"/>, computed once per node and registry and then shared: the parsed
    /// definition a node belongs to must not change afterwards (parsed definitions are kept and shared as they are).
    /// </summary>
    internal static FlowchartGraph For(ActivityNode flowchart, ActivityRegistry? registry)
    {
        if (Shared.TryGetValue(flowchart, out var graph) && ReferenceEquals(graph.Registry, registry)) return graph;
        graph = new FlowchartGraph(flowchart, registry);
        Shared.AddOrUpdate(flowchart, graph);
        return graph;
    }

    /// <summary>The registry the start was selected with.</summary>
    private ActivityRegistry? Registry { get; }

    /// <summary>The flowchart node this graph describes.</summary>
    internal ActivityNode Flowchart { get; }
    /// <summary>The flowchart's direct activities by id (the first one wins when an id repeats).</summary>
    public Dictionary<string, ActivityNode> ById { get; } = new(StringComparer.Ordinal);
    /// <summary>Connections whose both ends exist, in document order.</summary>
    public List<Connection> Valid { get; } = [];
    /// <summary>Where the flowchart starts, or null when it has no activities.</summary>
    public ActivityNode? Start { get; }

    /// <summary>The valid connections leaving <paramref name="activityId"/>, in document order.</summary>
    public IReadOnlyList<Connection> Outbound(string activityId) => _outbound.GetValueOrDefault(activityId) ?? [];
    /// <summary>The forward connections entering <paramref name="activityId"/> (the ones its join rule counts).</summary>
    internal IReadOnlyList<Connection> ForwardInbound(string activityId) => _forwardInbound.GetValueOrDefault(activityId) ?? [];
    /// <summary>Every valid connection entering <paramref name="activityId"/>, backward ones included.</summary>
    internal IReadOnlyList<Connection> AllInbound(string activityId) => _allInbound.GetValueOrDefault(activityId) ?? [];
    /// <summary>Whether <paramref name="connection"/> is forward (docs/definition-format.md, "Running: scheduling, bookmarks, status").</summary>
    public bool IsForward(Connection connection) => _forward.Contains(connection);

    /// <summary>Activities reachable from the start (the start included).</summary>
    public HashSet<string> Reachable { get; } = new(StringComparer.Ordinal);

    /// <summary>Every activity from which <paramref name="activityId"/> can be reached over forward connections.</summary>
    public IReadOnlySet<string> Ancestors(string activityId)
    {
        if (_ancestors.TryGetValue(activityId, out var cached)) return cached;
        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([activityId]);
        while (queue.Count > 0)
            foreach (var c in ForwardInbound(queue.Dequeue()))
                if (result.Add(c.SourceActivityId)) queue.Enqueue(c.SourceActivityId);
        return _ancestors.GetOrAdd(activityId, result);
    }

    /// <summary>
    /// Elsa's start selection, in order: the old shape's <c>start</c>; the first <c>Elsa.Start</c> (or other start
    /// activity); the first activity flagged <c>canStartWorkflow</c>; the first activity without inbound connections;
    /// else the first activity.
    /// </summary>
    public static ActivityNode? SelectStart(ActivityNode flowchart, ActivityRegistry? registry = null)
    {
        var activities = flowchart.Activities;
        if (flowchart.StartActivityId is { } startId && activities.FirstOrDefault(a => a.Id == startId) is { } explicitStart)
            return explicitStart;
        var start = activities.FirstOrDefault(a => a.Type == "Elsa.Start"
            || (registry?.Find(a.Type)?.ClrType is { } t && typeof(IStartActivity).IsAssignableFrom(t)));
        if (start is not null) return start;
        var flagged = activities.FirstOrDefault(a => a.CanStartWorkflow);
        if (flagged is not null) return flagged;
        var targets = flowchart.Connections.Select(c => c.TargetActivityId).ToHashSet(StringComparer.Ordinal);
        return activities.FirstOrDefault(a => !targets.Contains(a.Id)) ?? activities.FirstOrDefault();
    }

    private void ComputeForward(string root)
    {
        // Breadth first from the start; an edge that would close a cycle over the edges kept so far is backward.
        var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var queue = new Queue<string>([root]);
        Reachable.Add(root);
        var seenEdges = new HashSet<(string, string)>();
        while (queue.Count > 0)
        {
            var source = queue.Dequeue();
            foreach (var c in Outbound(source))
            {
                var edge = (source, c.TargetActivityId);
                if (seenEdges.Contains(edge))
                {
                    if (kept.TryGetValue(source, out var l) && l.Contains(c.TargetActivityId)) _forward.Add(c);
                    continue;
                }
                seenEdges.Add(edge);
                if (c.TargetActivityId == source || HasPath(kept, c.TargetActivityId, source)) continue;
                List(kept, source).Add(c.TargetActivityId);
                _forward.Add(c);
                if (Reachable.Add(c.TargetActivityId)) queue.Enqueue(c.TargetActivityId);
            }
        }
    }

    private static bool HasPath(Dictionary<string, List<string>> edges, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == to) return true;
            if (!seen.Add(current)) continue;
            if (edges.TryGetValue(current, out var next))
                foreach (var n in next) stack.Push(n);
        }
        return false;
    }

    private static List<T> List<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }
}
