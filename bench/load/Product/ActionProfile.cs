using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Load.Measure;

namespace Workflow.Load.Product;

/// <summary>
/// Where one permit action's time and statements go (issue #16, item 3; docs/benchmarks.md, *permit actions*): one worker
/// acts on stage-3 cases through the step desk while EF Core's diagnostic events time every command and every commit, each
/// command put in the phase its SQL belongs to. What is left of an action's time is the process's own work (the run, the
/// case file's JSON, EF's change tracking, the group commit's hand-over). One worker only, so every event is the action's.
/// </summary>
public static class ActionProfile
{
    private static readonly (string Phase, Func<string, bool> Matches)[] Phases =
    [
        ("step row read", t => t.StartsWith("SELECT", StringComparison.Ordinal) && t.Contains("permit_steps", StringComparison.Ordinal) && !t.Contains("\"p\".\"case_id\" = ", StringComparison.Ordinal) && !t.Contains("p.case_id = ", StringComparison.Ordinal)),
        ("certificate reads (at issuance)", t => t.StartsWith("SELECT", StringComparison.Ordinal) && t.Contains("permit_certificates", StringComparison.Ordinal)),
        ("projection reads (case, steps)", t => t.StartsWith("SELECT", StringComparison.Ordinal) && t.Contains("permit_", StringComparison.Ordinal)),
        ("instance load", t => t.Contains("definition_version_id", StringComparison.Ordinal) && t.StartsWith("SELECT", StringComparison.Ordinal)),
        ("idempotency look-up", t => t.Contains("wf_idempotency", StringComparison.Ordinal) && t.StartsWith("SELECT", StringComparison.Ordinal)),
        ("stored bookmarks", t => t.StartsWith("SELECT", StringComparison.Ordinal) && t.Contains("wf_bookmarks", StringComparison.Ordinal)),
        ("engine writes", t => t.Contains("\"wf_", StringComparison.Ordinal) || t.Contains(" wf_", StringComparison.Ordinal)),
        ("projection writes", t => t.Contains("permit_", StringComparison.Ordinal)),
        ("audit, cards, notifications", t => true),
    ];

    /// <summary>At least this many actions are profiled, however long they take.</summary>
    private const int MinActions = 40;

    /// <summary>Acts for <paramref name="duration"/> (and <see cref="MinActions"/> actions) on new cases with one worker and prints the per-action phases.</summary>
    public static async Task RunAsync(PermitHost host, TimeSpan duration)
    {
        var phases = Phases.ToDictionary(p => p.Phase, _ => (Count: 0L, Ticks: 0L));
        long commits = 0, commitTicks = 0, actions = 0, actionTicks = 0;
        var recording = false;
        using var observer = new EfObserver((text, elapsed) =>
        {
            if (!Volatile.Read(ref recording)) return;
            var phase = Phases.First(p => p.Matches(text)).Phase;
            lock (phases) phases[phase] = (phases[phase].Count + 1, phases[phase].Ticks + elapsed.Ticks);
        }, elapsed =>
        {
            if (!Volatile.Read(ref recording)) return;
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref commitTicks, elapsed.Ticks);
        });
        var started = Stopwatch.GetTimestamp();
        var cost = new ActionCost();
        while (Stopwatch.GetElapsedTime(started) < duration || actions < MinActions)
        {
            var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
            while (file.Steps.FirstOrDefault(s => s.IsOpen) is { } step)
            {
                Volatile.Write(ref recording, true);
                var one = Stopwatch.GetTimestamp();
                using (cost.Measure())
                    file = await host.ActAsync(step.Id, step.Kind == StepKind.Intake ? "Accepted" : "Approved");
                actionTicks += Stopwatch.GetTimestamp() - one;
                Volatile.Write(ref recording, false);
                actions++;
            }
        }
        if (actions == 0) return;
        double Ms(long ticks) => ticks * 1000.0 / actions / TimeSpan.TicksPerSecond;
        var total = actionTicks * 1000.0 / Stopwatch.Frequency / actions;
        var db = phases.Values.Sum(p => p.Ticks) + commitTicks;
        Progress.Say($"profile of one permit action (C=1, {actions} actions, stage-3 intake and reviews): {total:F2} ms, "
            + $"{phases.Values.Sum(p => p.Count) / (double)actions:F1} statements");
        foreach (var (phase, (count, ticks)) in phases.Where(p => p.Value.Count > 0))
            Progress.Say($"  {phase,-32} {count / (double)actions,5:F1} statements {Ms(ticks),7:F3} ms");
        Progress.Say($"  {"COMMIT",-32} {commits / (double)actions,5:F1}            {Ms(commitTicks),7:F3} ms");
        Progress.Say($"  {"in process (run, JSON, EF, hand-over)",-32}                  {total - Ms(db),7:F3} ms");
        Progress.Say($"  in process, per action: {cost}");
    }

    /// <summary>EF Core's diagnostic events of every context in the process: executed commands and committed transactions.</summary>
    private sealed class EfObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Action<string, TimeSpan> _command;
        private readonly Action<TimeSpan> _commit;
        private readonly List<IDisposable> _subscriptions = [];

        public EfObserver(Action<string, TimeSpan> command, Action<TimeSpan> commit)
        {
            (_command, _commit) = (command, commit);
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is CommandExecutedEventData executed) _command(executed.Command.CommandText, executed.Duration);
            else if (e.Value is TransactionEndEventData ended && e.Key == RelationalEventId.TransactionCommitted.Name) _commit(ended.Duration);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
