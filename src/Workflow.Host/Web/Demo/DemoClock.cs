using NodaTime;

namespace Workflow.Host.Web.Demo;

/// <summary>The clock the demo seeder moves through the past, so seeded cases have real histories; never ahead of the real time.</summary>
internal sealed class DemoClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
