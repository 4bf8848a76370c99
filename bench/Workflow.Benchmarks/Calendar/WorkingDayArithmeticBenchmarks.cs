using BenchmarkDotNet.Attributes;
using NodaTime;
using Workflow.Definitions.Calendars;
using Workflow.Engine.Calendar;

namespace Workflow.Benchmarks.Calendar;

/// <summary>
/// Add-working-days and count on <c>cn-mainland</c>, the O(1) index against a naive day-by-day loop, for 5, 20,
/// 100 and 250 working days. Each operation runs from 64 start dates spread over 2020–2026.
/// </summary>
[MemoryDiagnoser]
public class WorkingDayArithmeticBenchmarks
{
    private WorkingCalendar _calendar = null!;
    private LocalDate[] _starts = null!;
    private LocalDate[] _ends = null!;

    [Params(5, 20, 100, 250)]
    public int WorkingDays { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = ShippedCalendars.LoadAll().Single(c => c.Id == "cn-mainland");
        _starts = Enumerable.Range(0, 64).Select(i => new LocalDate(2020, 1, 1).PlusDays(i * 37)).ToArray();
        _ends = _starts.Select(s => _calendar.AddWorkingDays(s, WorkingDays)).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 64)]
    public int AddFast()
    {
        var sum = 0;
        foreach (var s in _starts)
            sum += _calendar.AddWorkingDays(s, WorkingDays).Day;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 64)]
    public int AddNaive()
    {
        var sum = 0;
        foreach (var s in _starts)
        {
            var d = s;
            for (var k = 0; k < WorkingDays;)
            {
                d = d.PlusDays(1);
                if (_calendar.IsWorkingDay(d))
                    k++;
            }
            sum += d.Day;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 64)]
    public int CountFast()
    {
        var sum = 0;
        for (var i = 0; i < _starts.Length; i++)
            sum += _calendar.CountWorkingDays(_starts[i], _ends[i]);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 64)]
    public int CountNaive()
    {
        var sum = 0;
        for (var i = 0; i < _starts.Length; i++)
            for (var d = _starts[i].PlusDays(1); d <= _ends[i]; d = d.PlusDays(1))
                if (_calendar.IsWorkingDay(d))
                    sum++;
        return sum;
    }
}
