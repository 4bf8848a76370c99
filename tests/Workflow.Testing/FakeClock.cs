using NodaTime;

namespace Workflow.Testing;

/// <summary>A clock that stands still until a test moves it. Thread-safe.</summary>
public sealed class FakeClock(Instant now) : IClock
{
    private long _ticks = now.ToUnixTimeTicks();

    public static FakeClock At(string isoInstantWithOffset) =>
        new(NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(isoInstantWithOffset).GetValueOrThrow().ToInstant());

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);

    public void Set(Instant to) => Interlocked.Exchange(ref _ticks, to.ToUnixTimeTicks());
}
