using System.Diagnostics;

namespace Workflow.Load.Product;

/// <summary>
/// What one action costs the process whatever the machine's load: CPU time (user + system, every thread of the
/// process, so the group commit's drainer too) and bytes allocated, summed over measured actions run one at a time with
/// nothing else running in the process. Wall-clock figures on the shared 2-core machine swing 3× between runs; these
/// hardly move (issue #16; docs/benchmarks.md, "Permit actions").
/// </summary>
public sealed class ActionCost
{
    private TimeSpan _cpu;
    private long _bytes;
    private int _actions;

    /// <summary>Measures until the returned scope is disposed (one action).</summary>
    public IDisposable Measure() => new Scope(this);

    /// <summary>CPU milliseconds per action.</summary>
    public double CpuMs => _actions == 0 ? 0 : _cpu.TotalMilliseconds / _actions;

    /// <summary>Kilobytes allocated per action.</summary>
    public double AllocatedKb => _actions == 0 ? 0 : _bytes / 1024.0 / _actions;

    /// <inheritdoc />
    public override string ToString() => $"{CpuMs:F2} ms of CPU, {AllocatedKb:F0} KB allocated ({_actions} actions)";

    private sealed class Scope : IDisposable
    {
        private readonly ActionCost _cost;
        private readonly TimeSpan _cpu;
        private readonly long _bytes;

        public Scope(ActionCost cost)
        {
            _cost = cost;
            _bytes = GC.GetTotalAllocatedBytes(precise: true);
            using var self = Process.GetCurrentProcess();
            _cpu = self.TotalProcessorTime;
        }

        public void Dispose()
        {
            using var self = Process.GetCurrentProcess();
            _cost._cpu += self.TotalProcessorTime - _cpu;
            _cost._bytes += GC.GetTotalAllocatedBytes(precise: true) - _bytes;
            _cost._actions++;
        }
    }
}
