using System.Reflection;
using Workflow.Engine.Activities;
using Workflow.Engine.Expressions;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Validation;

namespace Workflow.Engine;

/// <summary>Configuration for <see cref="WorkflowEngineServiceCollectionExtensions.AddWorkflowEngine"/>.</summary>
public sealed class WorkflowEngineOptions
{
    private readonly Dictionary<(string, string), Type> _optionsProviders = new();

    /// <summary>Activity classes besides the core ones (which are always registered).</summary>
    public List<Type> ActivityTypes { get; } = [];
    /// <summary>Extra validation rules (types implementing <see cref="IWorkflowValidationRule"/>, resolved through the services).</summary>
    public List<Type> ValidationRuleTypes { get; } = [];
    /// <summary>The flowchart mode of runs that do not choose one. Token, as docs/definition-format.md says.</summary>
    public FlowchartMode DefaultFlowchartMode { get; set; } = FlowchartMode.Token;
    /// <summary>Where WriteLine also writes (besides the run's captured output); null for nowhere.</summary>
    public TextWriter? Output { get; set; }
    /// <summary>How often a resume is retried after a row-version conflict caused by another resume of the same instance.</summary>
    public int MaxConcurrencyRetries { get; set; } = 5;
    /// <summary>
    /// The loop guard: an activity about to run this many times in one start or resume (without the workflow waiting
    /// on a bookmark) faults the instance as an endless loop. Runs of the same activity are counted, not activities
    /// run, so a long straight chain is fine (docs/definition-format.md, "Endless loops").
    /// </summary>
    public int MaxActivitiesPerRun { get; set; } = 10_000;
    /// <summary>Bounds of every script evaluation (time, regular expressions, memory, recursion); docs/definition-format.md, "Script limits".</summary>
    public ScriptLimits ScriptLimits { get; set; } = ScriptLimits.Default;
    /// <summary>How the scheduler sweeps for due timers (docs/scheduling.md).</summary>
    public WorkflowSchedulerOptions Scheduler { get; } = new();
    /// <summary>Which hosts Elsa.SendHttpRequest / Elsa.FlowSendHttpRequest may call (none by default), timeouts and limits.</summary>
    public Activities.Http.OutboundHttpOptions OutboundHttp { get; } = new();

    /// <summary>Registers a custom activity class <typeparamref name="T"/> (see samples/custom-activity and docs/engine-api.md).</summary>
    public WorkflowEngineOptions AddActivity<T>() where T : Activity => AddActivity(typeof(T));

    /// <summary>Registers activity class <paramref name="type"/>; it must carry [Activity] (checked when the registry is built).</summary>
    public WorkflowEngineOptions AddActivity(Type type)
    {
        ActivityTypes.Add(type);
        return this;
    }

    /// <summary>Adds every concrete activity class with an [Activity] attribute in <paramref name="assembly"/>.</summary>
    public WorkflowEngineOptions AddActivitiesFrom(Assembly assembly)
    {
        ActivityTypes.AddRange(assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null));
        return this;
    }

    /// <summary>Adds rule <typeparamref name="T"/> to every validation, after the built-in rules; it is created through the service container.</summary>
    public WorkflowEngineOptions AddValidationRule<T>() where T : IWorkflowValidationRule
    {
        ValidationRuleTypes.Add(typeof(T));
        return this;
    }

    /// <summary>Supplies dropdown options for <paramref name="inputName"/> (PascalCase, as the property) of <paramref name="activityTypeName"/> at descriptor time.</summary>
    public WorkflowEngineOptions AddOptionsProvider<TProvider>(string activityTypeName, string inputName) where TProvider : IInputOptionsProvider
    {
        _optionsProviders[(activityTypeName, inputName)] = typeof(TProvider);
        return this;
    }

    internal Type? FindOptionsProvider(string activityTypeName, string inputName) =>
        _optionsProviders.GetValueOrDefault((activityTypeName, inputName));
}
