using NodaTime;

namespace Workflow.Engine.Scheduling;

/// <summary>How the engine's scheduler sweeps for due timers (<see cref="WorkflowEngineOptions.Scheduler"/>).</summary>
public sealed class WorkflowSchedulerOptions
{
    /// <summary>Time between two sweeps of the background service; zero or less turns the service off (tests then call <see cref="WorkflowScheduler.FireDueAsync"/>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed timer is this process's alone; if the process dies meanwhile, another takes it over after this.</summary>
    public Duration Lease { get; set; } = Duration.FromMinutes(5);

    /// <summary>How many due timers one claim takes; a sweep claims batch after batch until fewer come back.</summary>
    public int BatchSize { get; set; } = 100;
}
