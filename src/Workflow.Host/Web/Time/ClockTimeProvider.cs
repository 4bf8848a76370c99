using NodaTime;

namespace Workflow.Host.Web.Time;

/// <summary>
/// The framework's <see cref="TimeProvider"/> (cookie expiry, data protection) reading the app's NodaTime
/// <see cref="IClock"/>, so that one injected clock rules every notion of "now" and tests can move it.
/// </summary>
public sealed class ClockTimeProvider(IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}
