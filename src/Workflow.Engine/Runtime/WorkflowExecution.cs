using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Activities;
using Workflow.Engine.Activities.ControlFlow;
using Workflow.Engine.Activities.Core;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// One burst of execution of one instance: a start or a resume, run until every path waits or ends. Work items run
/// first in, first out (as Elsa's queue-based scheduler). Flowchart semantics in both modes are documented in
/// docs/definition-format.md. Not thread-safe: one execution per instance at a time (the store's row version
/// guarantees that across processes).
/// </summary>
internal sealed class WorkflowExecution
{
    private readonly WorkflowDefinition _definition;
    private readonly ActivityRegistry _registry;
    private readonly TextWriter? _output;
    private readonly ExecutionStateData _state;
    private readonly LinkedList<WorkItem> _queue = new();
    private readonly Dictionary<string, FlowchartGraph> _graphs = new(StringComparer.Ordinal);
    /// <summary>Every activity of the definition by node id (its <see cref="ActivityNode.Parent"/> is the flowchart or composite running it).</summary>
    private readonly IReadOnlyDictionary<string, ActivityNode> _nodes;
    /// <summary>Loop guard: how often each activity (by node id) ran in this burst.</summary>
    private readonly Dictionary<string, int> _visits = new(StringComparer.Ordinal);
    private readonly List<JournalEntry> _journal = [];
    private readonly List<Bookmark> _created = [];
    private readonly List<Bookmark> _removed = [];
    private readonly List<string> _lines = [];
    private bool _finished;

    public WorkflowExecution(WorkflowInstance instance, WorkflowDefinition definition, ActivityRegistry registry, IServiceProvider services, IClock clock, TextWriter? output)
    {
        Instance = instance;
        _definition = definition;
        _registry = registry;
        Services = services;
        Clock = clock;
        _output = output;
        // The scheduling object the last run in this process saved, when the store kept it for exactly this stored
        // version: reading the state again costs in proportion to its size (issue #16, constant cost per step).
        _state = instance.TakeRunState?.Invoke() as ExecutionStateData ?? ExecutionStateData.FromJson(instance.ExecutionState);
        instance.TakeRunState = null;
        _state.BeginRun();
        Outputs = new ActivityOutputs(_state.Outputs) { Touched = _state.TouchedOutputs };
        var index = DefinitionIndex.For(definition);
        _nodes = index.Nodes;
        // Loop activities declare their loop variables (CurrentValue…) beside the workflow's own, so scripts get their accessors.
        ExpressionScope = new ExpressionScope(instance.Variables, index.Variables, instance.Input)
        {
            Instance = instance,
            Definition = definition,
            Limits = (services.GetService(typeof(WorkflowEngineOptions)) as WorkflowEngineOptions)?.ScriptLimits ?? ScriptLimits.Default,
            Outputs = Outputs,
        };
    }

    public WorkflowInstance Instance { get; }
    public IServiceProvider Services { get; }
    public IClock Clock { get; }
    public ExpressionScope ExpressionScope { get; }
    private FlowchartMode Mode => _state.Mode;

    /// <summary>
    /// Run <paramref name="ActivityId"/> (an id within a flowchart scope, a node id within a composite's scope); or,
    /// with <paramref name="ChildOutcomes"/>, tell the composite owning the scope that this child completed.
    /// </summary>
    private sealed record WorkItem(string ScopeId, string ActivityId, IReadOnlyList<string>? ChildOutcomes = null);

    /// <summary>Starts a new instance: variables from the definition, the root flowchart from its start activity.</summary>
    public async Task<WorkflowRunResult> StartAsync(FlowchartMode mode)
    {
        _state.Mode = mode;
        foreach (var v in _definition.Variables)
            if (!Instance.Variables.ContainsKey(v.Name))
                Instance.Variables[v.Name] = VariableValues.Coerce(v.Value, v.TypeName);
        Instance.Status = WorkflowStatus.Running;
        Instance.SubStatus = WorkflowSubStatus.Executing;
        StartScope(_definition.Root, null, null);
        await DrainAsync();
        return Finish();
    }

    /// <summary>Resumes one bookmark with input and runs until every path waits or ends.</summary>
    /// <exception cref="WorkflowRuntimeException">The bookmark is not open on this instance, or the instance is finished.</exception>
    public async Task<WorkflowRunResult> ResumeAsync(string bookmarkId, JsonObject? input)
    {
        if (Instance.Status == WorkflowStatus.Finished)
            throw new WorkflowRuntimeException($"Workflow instance '{Instance.Id}' is {Instance.SubStatus}; it cannot be resumed.");
        var bookmark = Instance.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)
            ?? throw new WorkflowRuntimeException($"Bookmark '{bookmarkId}' is not open on workflow instance '{Instance.Id}'.");
        if (!_nodes.TryGetValue(bookmark.NodeId, out var node) || node.Parent is null)
            throw new WorkflowRuntimeException($"Bookmark '{bookmarkId}' names node '{bookmark.NodeId}', which the definition does not have.");
        Instance.SubStatus = WorkflowSubStatus.Executing;
        Instance.Bookmarks.Remove(bookmark);
        _removed.Add(bookmark);
        Append(node, JournalEventKind.Resumed, null, new JsonObject { ["bookmarkId"] = bookmark.Id, ["kind"] = bookmark.Kind });
        await InvokeAsync(node.Parent.NodeId, node, resume: (bookmark, input));
        await DrainAsync();
        return Finish();
    }

    /// <summary>Cancels the whole instance: every bookmark is removed and journalled, the instance becomes Finished/Cancelled.</summary>
    public WorkflowRunResult Cancel(string reason)
    {
        if (Instance.Status == WorkflowStatus.Finished)
            throw new WorkflowRuntimeException($"Workflow instance '{Instance.Id}' is {Instance.SubStatus}; it cannot be cancelled.");
        CancelEverything(reason);
        _state.Scopes.Clear();
        var result = Finish();
        Instance.Status = WorkflowStatus.Finished;
        Instance.SubStatus = WorkflowSubStatus.Cancelled;
        Instance.FinishedAt = Clock.GetCurrentInstant();
        return result;
    }

    // ---- activity side --------------------------------------------------------------------------------------

    public void WriteLine(string text)
    {
        _lines.Add(text);
        _output?.WriteLine(text);
    }

    public Bookmark CreateBookmark(ActivityNode node, string kind, JsonObject? payload, Instant? resumeAt)
    {
        var now = Clock.GetCurrentInstant();
        var bookmark = new Bookmark(StorageIds.New(now), node.Id, node.Type, node.NodeId, kind, payload, now, resumeAt);
        Instance.Bookmarks.Add(bookmark);
        _created.Add(bookmark);
        var data = new JsonObject { ["bookmarkId"] = bookmark.Id, ["kind"] = kind };
        if (resumeAt is { } at) data["resumeAt"] = at.ToString();
        Append(node, JournalEventKind.BookmarkCreated, null, data);
        return bookmark;
    }

    public void CancelBookmark(string bookmarkId, string reason)
    {
        var bookmark = Instance.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
        if (bookmark is null) return;
        Instance.Bookmarks.Remove(bookmark);
        _removed.Add(bookmark);
        if (_nodes.TryGetValue(bookmark.NodeId, out var n))
            Append(n, JournalEventKind.Cancelled, null, new JsonObject { ["bookmarkId"] = bookmark.Id, ["kind"] = bookmark.Kind, ["reason"] = reason });
    }

    /// <summary>The outputs recorded in this instance (persisted in its execution state).</summary>
    public ActivityOutputs Outputs { get; }

    public void FaultInstance(ActivityNode node, string message, string? code)
    {
        if (_state.Faulted) return;
        _state.Faulted = true;
        Instance.Fault = new WorkflowFault(node.Id, message, code);
    }

    // ---- scheduling -----------------------------------------------------------------------------------------

    private async Task DrainAsync()
    {
        while (_queue.First is { } first && !_finished)
        {
            _queue.RemoveFirst();
            var item = first.Value;
            if (!_state.Scopes.ContainsKey(item.ScopeId)) continue;
            if (NodeIn(item.ScopeId, item.ActivityId) is not { } node) continue;
            if (item.ChildOutcomes is { } outcomes)
            {
                await ChildCompletedAsync(item.ScopeId, node, outcomes);
                continue;
            }
            var visits = _visits[node.NodeId] = _visits.GetValueOrDefault(node.NodeId) + 1;
            if (visits >= MaxActivitiesPerRun)
            {
                // A loop that never waits would otherwise hold the thread forever. Visits of one activity are counted,
                // not activities run, so a long straight chain is fine (docs/definition-format.md, "Endless loops").
                FaultActivity(node, $"{node.Type} {node.Id} reached {MaxActivitiesPerRun} runs without the workflow waiting on a bookmark; it is probably looping endlessly.");
                _queue.Clear();
                return;
            }
            await InvokeAsync(item.ScopeId, node, resume: null);
        }
    }

    /// <summary>An activity about to run this many times in one start or resume faults the instance as an endless loop.</summary>
    public int MaxActivitiesPerRun { get; init; } = 10_000;

    private void Schedule(string scopeId, string activityId, bool backward = false)
    {
        if (_state.Faulted || _finished) return;
        var scope = _state.Scopes[scopeId];
        if (backward && !scope.BackwardRuns.Contains(activityId)) scope.BackwardRuns.Add(activityId);
        _queue.AddLast(new WorkItem(scopeId, activityId));
    }

    private bool IsQueued(string scopeId, string activityId) => _queue.Any(i => i.ScopeId == scopeId && i.ActivityId == activityId);

    private void StartScope(ActivityNode flowchart, string? ownerNodeId, string? parentScopeId)
    {
        _state.Scopes[flowchart.NodeId] = new ScopeState { OwnerNodeId = ownerNodeId, ParentScopeId = parentScopeId };
        var start = Graph(flowchart.NodeId).Start;
        if (start is null)
            CompleteScope(flowchart.NodeId);
        else
            Schedule(flowchart.NodeId, start.Id);
    }

    private async Task InvokeAsync(string scopeId, ActivityNode node, (Bookmark Bookmark, JsonObject? Input)? resume)
    {
        if (resume is null)
        {
            Append(node, JournalEventKind.Started, null);
            if (node.IsFlowchart)
            {
                StartScope(node, node.NodeId, scopeId);
                return;
            }
        }
        var type = _registry.Find(node.Type);
        if (type is null)
        {
            FaultActivity(node, $"Unknown activity type \"{node.Type}\"; register it with AddWorkflowEngine(o => o.AddActivity<T>()).");
            return;
        }
        var state = NodeState(node.NodeId, fresh: resume is null);
        var context = new ActivityExecutionContext(this, node, state, resume?.Bookmark, resume?.Input);
        if (await RunActivityAsync(context, type, activity => resume is null ? activity.ExecuteAsync(context) : activity.ResumeAsync(context)))
            Conclude(scopeId, context);
    }

    /// <summary>
    /// A composite's child completed (Elsa's completion callback): the composite decides what follows: schedule
    /// another child, complete, or keep waiting for the children still running.
    /// </summary>
    private async Task ChildCompletedAsync(string compositeScopeId, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        var scope = _state.Scopes[compositeScopeId];
        var owner = _nodes[scope.OwnerNodeId!];
        if (_registry.Find(owner.Type) is not { } type) return;
        var context = new ActivityExecutionContext(this, owner, NodeState(owner.NodeId), null, null);
        if (await RunActivityAsync(context, type, activity => ((CompositeActivity)activity).OnChildCompletedAsync(context, child, outcomes)))
            Conclude(scope.ParentScopeId!, context);
    }

    /// <summary>Runs one call into an activity; false when it threw (the instance is then faulted).</summary>
    private async Task<bool> RunActivityAsync(ActivityExecutionContext context, ActivityType type, Func<Activity, ValueTask> call)
    {
        // Any failure of an activity (a plug-in's bug included) faults the instance instead of crashing the run; only a
        // deliberate refusal abandons the run unsaved (WorkflowRunRefusedException).
        try
        {
            await call(type.Create(Services, context.Node));
            return true;
        }
        catch (Exception e) when (e is not (OperationCanceledException or WorkflowRunRefusedException))
        {
            FaultActivity(context.Node, $"{context.Node.Type} {context.Node.Id} failed: {e.Message}");
            return false;
        }
    }

    /// <summary>Applies what the activity decided: children to schedule, a signal, completion, or waiting.</summary>
    private void Conclude(string scopeId, ActivityExecutionContext context)
    {
        var node = context.Node;
        if (context.Faulted)
        {
            Append(node, JournalEventKind.Faulted, null, new JsonObject { ["message"] = Instance.Fault?.Message, ["code"] = Instance.Fault?.Code });
            return;
        }
        foreach (var child in context.ScheduledChildren)
        {
            if (!_state.Scopes.ContainsKey(node.NodeId))
                _state.Scopes[node.NodeId] = new ScopeState { IsComposite = true, OwnerNodeId = node.NodeId, ParentScopeId = scopeId };
            Schedule(node.NodeId, child.NodeId);
        }
        switch (context.Terminal)
        {
            case TerminalKind.EndFlowchart:
                RemoveBookmarksOf(node, "the activity completed");
                Append(node, JournalEventKind.Completed, null);
                CompleteScope(FlowchartOf(scopeId));
                return;
            case TerminalKind.FinishWorkflow:
                RemoveBookmarksOf(node, "the activity completed");
                Append(node, JournalEventKind.Completed, null);
                CancelEverything("the workflow finished");
                _finished = true;
                return;
            case TerminalKind.Break:
                SignalBreak(scopeId);
                break;
            case TerminalKind.CompleteComposite:
                CompleteActivity(scopeId, node, [Outcomes.Done]);
                SignalCompleteComposite(scopeId);
                return;
        }
        if (context.CompletedOutcomes is { } outcomes)
            CompleteActivity(scopeId, node, outcomes);
        else if (!Instance.Bookmarks.Any(b => b.NodeId == node.NodeId) && !_state.Scopes.ContainsKey(node.NodeId))
            CompleteActivity(scopeId, node, [Outcomes.Done]);
        else
            AfterChange(scopeId);
    }

    private void FaultActivity(ActivityNode node, string message)
    {
        FaultInstance(node, message, null);
        Append(node, JournalEventKind.Faulted, null, new JsonObject { ["message"] = message });
    }

    private void CompleteActivity(string scopeId, ActivityNode node, IReadOnlyList<string> outcomes)
    {
        RemoveBookmarksOf(node, "the activity completed");
        // A composite completing ends whatever of its children still runs (Elsa cancels the descendants).
        if (_state.Scopes.TryGetValue(node.NodeId, out var own) && own.IsComposite)
        {
            CancelScopeContents(node.NodeId, "the activity completed");
            _state.Scopes.Remove(node.NodeId);
        }
        Append(node, JournalEventKind.Completed, string.Join(",", outcomes));
        if (_state.Faulted || _finished || !_state.Scopes.TryGetValue(scopeId, out var scope)) return;
        if (scope.IsComposite)
        {
            // The callback runs next, before anything else queued: Elsa calls it when the child completes.
            if (!_state.Faulted && !_finished) _queue.AddFirst(new WorkItem(scopeId, node.NodeId, outcomes));
            return;
        }
        var backward = scope.BackwardRuns.Remove(node.Id);
        if (Mode == FlowchartMode.Counter)
            CounterCompleted(scopeId, node.Id, outcomes, backward);
        else
            TokenCompleted(scopeId, node.Id, outcomes);
        AfterChange(scopeId);
    }

    private void AfterChange(string scopeId)
    {
        if (_state.Faulted || _finished || !_state.Scopes.TryGetValue(scopeId, out var scope) || scope.IsComposite) return;
        if (Mode == FlowchartMode.Token)
            foreach (var target in scope.WaitingJoins.ToList())
                TokenEvaluate(scopeId, target, null);
        if (scope.WaitingJoins.Count == 0 && Pending(scopeId).Count == 0)
            CompleteScope(scopeId);
    }

    /// <summary>
    /// What of the scope still has work: queued, waiting on a bookmark, or running a nested scope. Flowchart scopes
    /// name their activities by id, composite scopes by node id.
    /// </summary>
    private HashSet<string> Pending(string scopeId)
    {
        var composite = _state.Scopes.TryGetValue(scopeId, out var scope) && scope.IsComposite;
        var pending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in _queue)
            if (item.ScopeId == scopeId) pending.Add(item.ActivityId);
        foreach (var b in Instance.Bookmarks)
            if (_nodes.TryGetValue(b.NodeId, out var n) && n.Parent?.NodeId == scopeId && n.Id == b.ActivityId)
                pending.Add(composite ? n.NodeId : n.Id);
        foreach (var s in _state.Scopes.Values)
            if (s.ParentScopeId == scopeId && s.OwnerNodeId is { } owner && _nodes.TryGetValue(owner, out var o))
                pending.Add(composite ? o.NodeId : o.Id);
        return pending;
    }

    private void CompleteScope(string scopeId)
    {
        var scope = _state.Scopes[scopeId];
        CancelScopeContents(scopeId, "the flowchart completed");
        if (scope.ParentScopeId is null)
        {
            _finished = true;
            return;
        }
        _state.Scopes.Remove(scopeId);
        var owner = _nodes[scope.OwnerNodeId!];
        CompleteActivity(scope.ParentScopeId, owner, [Outcomes.Done]);
    }

    /// <summary>The activity <paramref name="id"/> of a scope: by id in a flowchart, by node id under a composite.</summary>
    private ActivityNode? NodeIn(string scopeId, string id)
    {
        if (_state.Scopes.TryGetValue(scopeId, out var scope) && scope.IsComposite)
            return _nodes.GetValueOrDefault(id);
        return Graph(scopeId).ById.GetValueOrDefault(id);
    }

    /// <summary>The nearest flowchart scope at or above <paramref name="scopeId"/>.</summary>
    private string FlowchartOf(string scopeId)
    {
        while (_state.Scopes[scopeId] is { IsComposite: true, ParentScopeId: { } parent })
            scopeId = parent;
        return scopeId;
    }

    /// <summary>The scopes from <paramref name="scopeId"/> up to the root, with the composite owning each composite scope.</summary>
    private IEnumerable<(string ScopeId, ActivityNode? Composite)> Ancestry(string scopeId)
    {
        for (string? id = scopeId; id is not null && _state.Scopes.TryGetValue(id, out var scope); id = scope.ParentScopeId)
            yield return (id, scope.IsComposite ? _nodes[scope.OwnerNodeId!] : null);
    }

    private bool IsLoop(ActivityNode node) => _registry.Find(node.Type)?.ClrType is { } t && typeof(ILoopActivity).IsAssignableFrom(t);

    /// <summary>
    /// Elsa.Break: every composite up to and including the nearest loop is marked as breaking (Elsa's BreakSignal;
    /// Sequence and the loops read the mark when their running child completes). No loop above: nothing happens.
    /// </summary>
    private void SignalBreak(string scopeId)
    {
        foreach (var (_, composite) in Ancestry(scopeId))
        {
            if (composite is null) continue;
            NodeState(composite.NodeId)[ActivityExecutionContext.BreakingProperty] = true;
            if (IsLoop(composite)) return;
        }
    }

    /// <summary>
    /// Elsa.Complete: the nearest loop completes at once, its running children cancelled (Elsa's BreakBehavior on
    /// CompleteCompositeSignal); with no loop above, the signal reaches the workflow, which finishes.
    /// </summary>
    private void SignalCompleteComposite(string scopeId)
    {
        if (_state.Faulted || _finished) return;
        foreach (var (id, composite) in Ancestry(scopeId))
        {
            if (composite is null || !IsLoop(composite)) continue;
            var parent = _state.Scopes[id].ParentScopeId!;
            CompleteActivity(parent, composite, [Outcomes.Done]);
            return;
        }
        CancelEverything("the workflow completed");
        _finished = true;
    }

    // ---- counter mode ---------------------------------------------------------------------------------------

    private void CounterCompleted(string scopeId, string activityId, IReadOnlyList<string> outcomes, bool backward, bool skipped = false)
    {
        var scope = _state.Scopes[scopeId];
        var graph = Graph(scopeId);
        if (!backward) Increment(scope.Visits, activityId);
        scope.Skipped.Remove(activityId);
        if (skipped) scope.Skipped.Add(activityId);
        foreach (var c in graph.Outbound(activityId))
        {
            var followed = outcomes.Contains(c.SourcePort);
            Increment(scope.ConnectionVisits, c.Key);
            scope.LastFollowed[c.Key] = followed;
            if (!graph.IsForward(c))
            {
                if (followed) Schedule(scopeId, c.TargetActivityId, backward: true);
                continue;
            }
            CounterVisitTarget(scopeId, c);
        }
    }

    private void CounterVisitTarget(string scopeId, Connection arriving)
    {
        var scope = _state.Scopes[scopeId];
        var graph = Graph(scopeId);
        var target = arriving.TargetActivityId;
        var node = graph.ById[target];
        var inbound = graph.ForwardInbound(target);
        var seen = scope.Visits.GetValueOrDefault(target);
        bool Fresh(Connection c) => scope.ConnectionVisits.GetValueOrDefault(c.Key) > seen;
        bool Followed(Connection c) => Fresh(c) && scope.LastFollowed.GetValueOrDefault(c.Key);
        var allVisited = inbound.All(Fresh);
        var (mode, quorum) = JoinModeOf(node);

        switch (mode)
        {
            case FlowJoinMode.WaitAll:
                // Elsa's counter-based WaitAll: every inbound source activity has executed (whichever port it took).
                if (!allVisited) return;
                if (inbound.All(c => !scope.Skipped.Contains(c.SourceActivityId))) Schedule(scopeId, target);
                else CounterSkip(scopeId, target);
                return;
            case FlowJoinMode.WaitAllActive:
                if (!allVisited) return;
                if (inbound.Any(Followed)) Schedule(scopeId, target);
                else CounterSkip(scopeId, target);
                return;
            case FlowJoinMode.WaitAllInbound:
                if (!allVisited) return;
                if (inbound.All(Followed)) Schedule(scopeId, target);
                else if (!scope.WaitingJoins.Contains(target)) scope.WaitingJoins.Add(target);
                return;
            default:
                if (!Fresh(arriving) || IsQueued(scopeId, target)) return;
                var needed = mode == FlowJoinMode.Quorum ? Math.Max(1, quorum) : 1;
                if (inbound.Count(Followed) >= needed)
                {
                    Schedule(scopeId, target);
                    CancelPendingAncestors(scopeId, target);
                }
                else if (allVisited)
                    CounterSkip(scopeId, target);
                return;
        }
    }

    /// <summary>Dead-path propagation: the target will not run this round; its outbound connections are visited as not followed.</summary>
    private void CounterSkip(string scopeId, string activityId) => CounterCompleted(scopeId, activityId, [], backward: false, skipped: true);

    // ---- token mode -----------------------------------------------------------------------------------------

    private enum TokenJoin { Each, Any, Quorum, AllForward, AllInbound, Active }

    private void TokenCompleted(string scopeId, string activityId, IReadOnlyList<string> outcomes)
    {
        var scope = _state.Scopes[scopeId];
        var graph = Graph(scopeId);
        foreach (var c in graph.Outbound(activityId))
        {
            if (!outcomes.Contains(c.SourcePort)) continue;
            Increment(scope.Arrivals, c.Key);
            var kind = TokenJoinOf(graph.ById[c.TargetActivityId]).Kind;
            if (!graph.IsForward(c) && kind != TokenJoin.AllInbound)
            {
                Schedule(scopeId, c.TargetActivityId, backward: true);
                continue;
            }
            TokenEvaluate(scopeId, c.TargetActivityId, c);
        }
    }

    private void TokenEvaluate(string scopeId, string target, Connection? arriving)
    {
        var scope = _state.Scopes[scopeId];
        var graph = Graph(scopeId);
        var (kind, quorum) = TokenJoinOf(graph.ById[target]);
        var inbound = kind == TokenJoin.AllInbound ? graph.AllInbound(target) : graph.ForwardInbound(target);
        var fired = scope.Fired.GetValueOrDefault(target);
        bool Fresh(Connection c) => scope.Arrivals.GetValueOrDefault(c.Key) > fired;

        var fire = false;
        var cancelOthers = false;
        if (kind == TokenJoin.Each || (inbound.Count <= 1 && kind != TokenJoin.Quorum))
            fire = arriving is not null;
        else
        {
            switch (kind)
            {
                case TokenJoin.Any:
                    fire = arriving is not null && Fresh(arriving);
                    cancelOthers = true;
                    break;
                case TokenJoin.Quorum:
                    fire = inbound.Count(Fresh) >= Math.Max(1, quorum);
                    cancelOthers = true;
                    break;
                case TokenJoin.AllForward or TokenJoin.AllInbound:
                    fire = inbound.All(Fresh);
                    break;
                case TokenJoin.Active:
                    fire = inbound.Any(Fresh) && !graph.Ancestors(target).Overlaps(Pending(scopeId));
                    break;
            }
        }

        if (fire)
        {
            scope.Fired[target] = fired + 1;
            scope.WaitingJoins.Remove(target);
            Schedule(scopeId, target);
            if (cancelOthers) CancelPendingAncestors(scopeId, target);
        }
        else if (inbound.Any(Fresh))
        {
            if (!scope.WaitingJoins.Contains(target)) scope.WaitingJoins.Add(target);
        }
        else
            scope.WaitingJoins.Remove(target);
    }

    private (TokenJoin Kind, int Quorum) TokenJoinOf(ActivityNode node)
    {
        if (_registry.Find(node.Type)?.ClrType is { } t && typeof(IJoinActivity).IsAssignableFrom(t))
        {
            var (mode, quorum) = JoinModeOf(node);
            return mode switch
            {
                FlowJoinMode.WaitAny => (TokenJoin.Any, 1),
                FlowJoinMode.Quorum => (TokenJoin.Quorum, quorum),
                FlowJoinMode.WaitAllActive => (TokenJoin.Active, 0),
                _ => (TokenJoin.AllForward, 0),
            };
        }
        return node.MergeMode switch
        {
            "Merge" => (TokenJoin.AllForward, 0),
            "Converge" => (TokenJoin.AllInbound, 0),
            "Cascade" => (TokenJoin.Each, 0),
            "Race" => (TokenJoin.Any, 1),
            _ => (TokenJoin.Active, 0),
        };
    }

    // ---- joins and cancellation -----------------------------------------------------------------------------

    /// <summary>FlowJoin's mode and quorum; a plain activity (implicit join) counts as WaitAllActive in counter mode.</summary>
    private (FlowJoinMode Mode, int Quorum) JoinModeOf(ActivityNode node)
    {
        if (_registry.Find(node.Type)?.ClrType is not { } t || !typeof(IJoinActivity).IsAssignableFrom(t))
            return (FlowJoinMode.WaitAllActive, 0);
        var mode = FlowJoinMode.WaitAny;
        var quorum = 0;
        try
        {
            if (node.GetInput("mode") is { } m)
                mode = ValueConverter.Convert<FlowJoinMode>(ExpressionEvaluator.Evaluate(m, ExpressionScope));
            if (node.GetInput("quorum") is { } q)
                quorum = ValueConverter.Convert<int>(ExpressionEvaluator.Evaluate(q, ExpressionScope));
        }
        catch (ExpressionException)
        {
            // Validation reports a bad mode; at run time the join falls back to Elsa's default, WaitAny.
        }
        return (mode, quorum);
    }

    /// <summary>When a join continues without some branches, the ancestors still pending behind it are cancelled.</summary>
    private void CancelPendingAncestors(string scopeId, string target)
    {
        var graph = Graph(scopeId);
        var pending = Pending(scopeId);
        pending.IntersectWith(graph.Ancestors(target));
        foreach (var activityId in graph.Flowchart.Activities.Select(a => a.Id).Where(pending.Contains).ToList())
            CancelActivity(scopeId, activityId, $"join {target} completed without it", propagate: Mode == FlowchartMode.Counter);
    }

    private void CancelActivity(string scopeId, string activityId, string reason, bool propagate)
    {
        if (NodeIn(scopeId, activityId) is not { } node) return;
        for (var item = _queue.First; item is not null;)
        {
            var next = item.Next;
            if (item.Value.ScopeId == scopeId && item.Value.ActivityId == activityId)
            {
                _queue.Remove(item);
                if (item.Value.ChildOutcomes is null) Append(node, JournalEventKind.Cancelled, null, new JsonObject { ["reason"] = reason });
            }
            item = next;
        }
        RemoveBookmarksOf(node, reason);
        foreach (var (childId, child) in _state.Scopes.Where(s => s.Value.OwnerNodeId == node.NodeId && s.Value.ParentScopeId == scopeId).ToList())
        {
            CancelScopeContents(childId, reason);
            _state.Scopes.Remove(childId);
            Append(node, JournalEventKind.Cancelled, null, new JsonObject { ["reason"] = reason });
        }
        _state.Scopes[scopeId].BackwardRuns.Remove(activityId);
        if (propagate) CounterSkip(scopeId, activityId);
    }

    private void CancelScopeContents(string scopeId, string reason)
    {
        foreach (var id in Pending(scopeId).ToList())
            CancelActivity(scopeId, id, reason, propagate: false);
        _state.Scopes[scopeId].WaitingJoins.Clear();
    }

    private void CancelEverything(string reason)
    {
        for (var item = _queue.First; item is not null; item = item.Next)
            if (item.Value.ChildOutcomes is null && NodeIn(item.Value.ScopeId, item.Value.ActivityId) is { } n)
                Append(n, JournalEventKind.Cancelled, null, new JsonObject { ["reason"] = reason });
        _queue.Clear();
        foreach (var b in Instance.Bookmarks.ToList())
            CancelBookmark(b.Id, reason);
    }

    private void RemoveBookmarksOf(ActivityNode node, string reason)
    {
        foreach (var b in Instance.Bookmarks.Where(b => b.NodeId == node.NodeId).ToList())
            CancelBookmark(b.Id, reason);
    }

    // ---- bookkeeping ----------------------------------------------------------------------------------------

    private WorkflowRunResult Finish()
    {
        var now = Clock.GetCurrentInstant();
        if (_state.Faulted)
        {
            CancelEverything("the workflow faulted");
            Instance.Status = WorkflowStatus.Finished;
            Instance.SubStatus = WorkflowSubStatus.Faulted;
            Instance.FinishedAt ??= now;
        }
        else if (_finished)
        {
            Instance.Status = WorkflowStatus.Finished;
            Instance.SubStatus = WorkflowSubStatus.Finished;
            Instance.FinishedAt ??= now;
            _state.Scopes.Clear();
        }
        else
        {
            Instance.Status = WorkflowStatus.Running;
            Instance.SubStatus = WorkflowSubStatus.Suspended;
        }
        Instance.UpdatedAt = now;
        // Nothing changes _state after this: the store writes what the run touched and may keep the object with the
        // save for the next run of this instance; the JSON is written only if somebody asks for it.
        Instance.SetRunState(_state);
        return new WorkflowRunResult(Instance, _journal, _created, _removed, _lines);
    }

    private void Append(ActivityNode node, JournalEventKind kind, string? outcome, JsonObject? data = null)
    {
        _state.JournalSequence++;
        _journal.Add(new JournalEntry(Instance.Id, _state.JournalSequence, node.Id, node.Type, node.NodeId, kind, outcome, Clock.GetCurrentInstant(), data));
    }

    private FlowchartGraph Graph(string scopeId)
    {
        if (_graphs.TryGetValue(scopeId, out var graph)) return graph;
        var flowchart = _definition.Root.NodeId == scopeId ? _definition.Root : _nodes.GetValueOrDefault(scopeId)
            ?? throw new WorkflowRuntimeException($"The definition has no flowchart with node id '{scopeId}'.");
        return _graphs[scopeId] = FlowchartGraph.For(flowchart, _registry);
    }

    /// <summary>
    /// The node's state object, made when it has none or when <paramref name="fresh"/> (an activity executing anew starts
    /// empty). The only way a run reaches a node's state, so the node is marked touched here: the save writes the parts of
    /// touched nodes only (<see cref="ExecutionStateData.TouchedNodes"/>).
    /// </summary>
    private JsonObject NodeState(string nodeId, bool fresh = false)
    {
        _state.TouchedNodes.Add(nodeId);
        if (fresh || !_state.Nodes.TryGetValue(nodeId, out var state))
            _state.Nodes[nodeId] = state = new JsonObject();
        return state;
    }

    private static void Increment(Dictionary<string, long> map, string key) => map[key] = map.GetValueOrDefault(key) + 1;
}
