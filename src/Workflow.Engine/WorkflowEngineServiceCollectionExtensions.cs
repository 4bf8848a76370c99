using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Workflow.Engine.Activities;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Validation;

namespace Workflow.Engine;

/// <summary>Registers the engine.</summary>
public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the activity registry (core activities plus those configured), the runtime, the validator, the
    /// descriptor generator, and—unless registered before—<see cref="SystemClock"/> as <see cref="IClock"/> and the
    /// in-memory stores. Register EF Core stores before or after (the last registration of a store wins; these use TryAdd).
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, Action<WorkflowEngineOptions>? configure = null)
    {
        var options = new WorkflowEngineOptions();
        configure?.Invoke(options);
        var registry = ActivityRegistry.CreateWithCoreActivities();
        foreach (var type in options.ActivityTypes) registry.Register(type);
        services.AddSingleton(options);
        services.AddSingleton(registry);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<IWorkflowInstanceStore, InMemoryWorkflowInstanceStore>();
        // Both stores list and delete too; the query is whichever store is registered, so the registration order does not matter.
        services.TryAddSingleton<IWorkflowInstanceQuery>(sp => sp.GetRequiredService<IWorkflowInstanceStore>() as IWorkflowInstanceQuery
            ?? throw new InvalidOperationException($"The registered {nameof(IWorkflowInstanceStore)} cannot list instances: register an {nameof(IWorkflowInstanceQuery)}."));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDefinitionDependents, LiveInstanceDependents>());
        services.TryAddSingleton<IWorkflowDefinitionStore>(sp => new InMemoryWorkflowDefinitionStore(sp.GetRequiredService<IClock>()));
        services.AddSingleton(sp => new WorkflowValidator(sp.GetRequiredService<ActivityRegistry>(),
            options.ValidationRuleTypes.Select(t => (IWorkflowValidationRule)sp.GetRequiredService(t)).ToList()));
        services.AddSingleton<ActivityDescriptorGenerator>();
        services.AddSingleton<WorkflowRuntime>();
        foreach (var rule in options.ValidationRuleTypes) services.AddSingleton(rule);
        return services;
    }
}
