using BenchmarkDotNet.Attributes;
using NodaTime;
using Workflow.Definitions.Calendars;
using Workflow.Engine.Calendar;

namespace Workflow.Benchmarks.Calendar;

/// <summary>The due instant of a 20-working-day clock with two suspensions, and reading its status.</summary>
[MemoryDiagnoser]
public class DeadlineClockBenchmarks
{
    private WorkingCalendar _calendar = null!;
    private Suspension[] _suspensions = null!;
    private DeadlineClock _clock = null!;
    private readonly Instant _start = Instant.FromUtc(2025, 9, 26, 2, 0);

    [GlobalSetup]
    public void Setup()
    {
        _calendar = ShippedCalendars.LoadAll().Single(c => c.Id == "cn-mainland");
        _suspensions =
        [
            new Suspension(Instant.FromUtc(2025, 9, 29, 5, 30), Instant.FromUtc(2025, 9, 30, 4, 0)),
            new Suspension(Instant.FromUtc(2025, 10, 14, 1, 0), Instant.FromUtc(2025, 10, 20, 3, 0)),
        ];
        _clock = new DeadlineClock(_calendar, _start, 20, _suspensions);
    }

    [Benchmark]
    public Instant? DueWithTwoSuspensions() => new DeadlineClock(_calendar, _start, 20, _suspensions).Due;

    [Benchmark]
    public DeadlineStatus Status() => _clock.StatusAt(Instant.FromUtc(2025, 10, 22, 6, 0));
}
