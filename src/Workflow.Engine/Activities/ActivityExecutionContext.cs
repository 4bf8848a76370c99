using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Activities;

/// <summary>
/// What an executing activity sees and can do: its node and inputs, the workflow's variables and input, its own
/// JSON state, the services and the clock; it completes with outcomes, creates bookmarks, faults, or ends the
/// flowchart or workflow.
/// </summary>
public sealed class ActivityExecutionContext
{
    private readonly WorkflowExecution _execution;

    internal ActivityExecutionContext(WorkflowExecution execution, ActivityNode node, JsonObject state, Bookmark? resumedBookmark, JsonObject? resumeInput)
    {
        _execution = execution;
        Node = node;
        State = state;
        ResumedBookmark = resumedBookmark;
        ResumeInput = resumeInput;
    }

    /// <summary>The definition node being executed (its inputs and raw JSON).</summary>
    public ActivityNode Node { get; }
    /// <summary>The activity's id within its flowchart (Elsa's <c>id</c>); outputs and journal entries are keyed by it.</summary>
    public string ActivityId => Node.Id;
    /// <summary>The node's <c>nodeId</c> (<c>parentNodeId:id</c>), unique across nested flowcharts; bookmarks and state belong to it.</summary>
    public string NodeId => Node.NodeId;
    /// <summary>The node's type name, e.g. <c>Elsa.WriteLine</c>.</summary>
    public string ActivityType => Node.Type;
    /// <summary>The id of the workflow instance being run.</summary>
    public string InstanceId => _execution.Instance.Id;
    /// <summary>The workflow instance being run; changes to it are saved with the run.</summary>
    public WorkflowInstance Instance => _execution.Instance;
    /// <summary>The run's service scope, for activities that need domain services beyond their constructor.</summary>
    public IServiceProvider Services => _execution.Services;
    /// <summary>The engine's injected clock; activities read time only through it, so tests control time.</summary>
    public IClock Clock => _execution.Clock;
    /// <summary>The current instant from <see cref="Clock"/>.</summary>
    public Instant Now => _execution.Clock.GetCurrentInstant();
    /// <summary>The workflow input given at start.</summary>
    public JsonObject WorkflowInput => _execution.Instance.Input;

    /// <summary>The workflow's variable declarations (envelope and root flowchart), e.g. to resolve an output's memoryReference id.</summary>
    internal IReadOnlyList<VariableDefinition> VariableDeclarations => _execution.ExpressionScope.Declarations;
    /// <summary>What this run's expressions see (for activities evaluating scripts with functions of their own).</summary>
    internal ExpressionScope ExpressionScope => _execution.ExpressionScope;

    /// <summary>This activity's own JSON state (per node, kept across resumes, reset when the activity executes anew).</summary>
    public JsonObject State { get; }

    /// <summary>When resuming: the bookmark resumed (already removed from the instance).</summary>
    public Bookmark? ResumedBookmark { get; }
    /// <summary>When resuming: the input given with the resume, or null.</summary>
    public JsonObject? ResumeInput { get; }

    /// <summary>This activity's open bookmarks (those created before and during this call, minus any resumed).</summary>
    public IReadOnlyList<Bookmark> Bookmarks => _execution.Instance.Bookmarks.Where(b => b.NodeId == NodeId).ToList();

    internal IReadOnlyList<string>? CompletedOutcomes { get; private set; }
    internal List<ActivityNode> ScheduledChildren { get; } = [];
    internal const string BreakingProperty = "isBreaking";
    internal bool Faulted { get; private set; }
    internal TerminalKind Terminal { get; private set; }

    /// <summary>The input's evaluated value, converted to <typeparamref name="T"/>; its default when absent.</summary>
    /// <exception cref="ExpressionException">The expression fails or its value does not convert.</exception>
    public T? Get<T>(Input<T>? input)
    {
        if (input?.Expression is null) return input is null ? default : input.DefaultValue;
        return ValueConverter.Convert<T>(Evaluate(input.Expression));
    }

    /// <summary>Evaluates an expression against this workflow's variables and input.</summary>
    public JsonNode? Evaluate(ExpressionInput expression) => ExpressionEvaluator.Evaluate(expression, _execution.ExpressionScope);

    /// <summary>A variable's value by name (null when unset).</summary>
    public JsonNode? GetVariable(string name) => _execution.Instance.Variables[name]?.DeepClone();

    /// <summary>Sets a workflow variable by name (a copy of <paramref name="value"/> is stored; null clears it).</summary>
    public void SetVariable(string name, JsonNode? value) => _execution.Instance.Variables[name] = value?.DeepClone();

    /// <summary>Writes a line to the run's output (captured per run, and to the configured text writer).</summary>
    public void WriteLine(string text) => _execution.WriteLine(text);

    /// <summary>
    /// Creates a bookmark for this activity: the path waits here until it is resumed. An activity may create several
    /// (e.g. one per department); they are all removed, and journalled as cancelled, when it completes.
    /// </summary>
    /// <param name="kind">What is awaited (<c>Delay</c>, <c>Event</c>, <c>HumanTask</c> ...).</param>
    /// <param name="payload">Data for whoever resumes it; the runtime never interprets it.</param>
    /// <param name="resumeAt">For timers, when it is due.</param>
    public Bookmark CreateBookmark(string kind, JsonObject? payload = null, Instant? resumeAt = null) =>
        _execution.CreateBookmark(Node, kind, payload, resumeAt);

    /// <summary>Removes one of this activity's bookmarks (journalled as cancelled) without completing.</summary>
    public void RemoveBookmark(string bookmarkId) => _execution.CancelBookmark(bookmarkId, "removed by the activity");

    /// <summary>Completes the activity with the given outcomes (<c>Done</c> when none); the flowchart follows the matching connections.</summary>
    public void Complete(params string[] outcomes) => CompletedOutcomes = outcomes.Length == 0 ? [Outcomes.Done] : outcomes;

    /// <summary>Faults the instance (Finished/Faulted): no further activities are scheduled.</summary>
    public void Fault(string message, string? code = null)
    {
        Faulted = true;
        _execution.FaultInstance(Node, message, code);
    }

    /// <summary>Completes the enclosing flowchart at once (Elsa.End): its other waiting paths are cancelled.</summary>
    public void EndFlowchart() => Terminal = TerminalKind.EndFlowchart;

    /// <summary>Finishes the whole workflow at once (Elsa.Finish): every other waiting path is cancelled.</summary>
    public void FinishWorkflow() => Terminal = TerminalKind.FinishWorkflow;

    // ---- composites (docs/definition-format.md, "Composite activities") ------------------------------------

    /// <summary>
    /// Schedules one of this activity's embedded children (Elsa's <c>ScheduleActivityAsync</c> with a completion
    /// callback): it runs after this call, and <see cref="CompositeActivity.OnChildCompletedAsync"/> is called when it
    /// completes. A composite with children running is not complete until it says so.
    /// </summary>
    public void ScheduleChild(ActivityNode child) => ScheduledChildren.Add(child);

    /// <summary>True once an <c>Elsa.Break</c> below this composite asked the enclosing loop to stop.</summary>
    public bool IsBreaking => State[BreakingProperty] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Elsa.Break: marks the composites up to the nearest loop as breaking, then completes.</summary>
    public void Break() => Terminal = TerminalKind.Break;

    /// <summary>Elsa.Complete: completes the nearest loop (or, with none, the workflow) with this activity.</summary>
    public void CompleteComposite() => Terminal = TerminalKind.CompleteComposite;

    // ---- outputs ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Records an output of this activity (read by scripts with <c>getOutputFrom(activityId, name)</c>; a
    /// <c>Result</c> output is also the last result, <c>getLastResult()</c>) and, when the definition binds the output
    /// to a variable (<c>{"memoryReference": {"id": variableId}}</c>), sets that variable.
    /// </summary>
    public void SetOutput(string name, JsonNode? value)
    {
        _execution.Outputs.Record(Node.Id, name, value);
        OutputBinding.Set(this, name, value);
    }

    /// <summary>Sets a workflow output (Elsa.SetOutput): stored on the instance, returned by the execute endpoint.</summary>
    public void SetWorkflowOutput(string name, JsonNode? value) => _execution.Instance.Output[name] = value?.DeepClone();
}

internal enum TerminalKind
{
    None,
    EndFlowchart,
    FinishWorkflow,
    Break,
    CompleteComposite,
}
