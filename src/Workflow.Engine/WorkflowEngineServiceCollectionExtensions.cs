using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Workflow.Engine.Activities;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Validation;

namespace Workflow.Engine;

/// <summary>Registers the engine.</summary>
public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the activity registry (core activities plus those configured), the runtime, the validator, the
    /// descriptor generator, the scheduler that fires due timers (<see cref="WorkflowScheduler"/>, run by the hosted
    /// <see cref="WorkflowSchedulerService"/>), and—unless registered before—<see cref="SystemClock"/> as <see cref="IClock"/>
    /// and the in-memory stores. Register EF Core stores before or after (the last registration of a store wins; these use TryAdd).
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
        services.TryAddSingleton<ParsedDefinitionCache>();
        services.TryAddSingleton<IWorkflowDefinitionStore>(sp => new InMemoryWorkflowDefinitionStore(sp.GetRequiredService<IClock>(), sp.GetRequiredService<ParsedDefinitionCache>()));
        services.AddSingleton(sp => new WorkflowValidator(sp.GetRequiredService<ActivityRegistry>(),
            options.ValidationRuleTypes.Select(t => (IWorkflowValidationRule)sp.GetRequiredService(t)).ToList()));
        services.AddSingleton<ActivityDescriptorGenerator>();
        services.AddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<IDueBookmarkClaimer>(sp => sp.GetRequiredService<IWorkflowInstanceStore>() as IDueBookmarkClaimer
            ?? throw new InvalidOperationException($"The instance store {sp.GetRequiredService<IWorkflowInstanceStore>().GetType().Name} cannot claim due timers: register an IDueBookmarkClaimer."));
        services.AddSingleton<WorkflowScheduler>();
        services.AddSingleton<Activities.Http.HttpEndpointRouter>();
        // Outbound HTTP of the send activities: no automatic redirects, since a redirect could lead off the allow-list.
        services.AddHttpClient(Activities.Http.OutboundHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISchedulerSweep, TriggerSweep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISchedulerSweep, ChildWorkflowSweep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkflowSchedulerService>());
        foreach (var rule in options.ValidationRuleTypes) services.AddSingleton(rule);
        return services;
    }
}
