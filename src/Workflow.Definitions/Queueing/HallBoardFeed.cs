using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// The live boards of the halls' displays (docs/queueing.md, *The display*): one poller per hall per host, shared by every
/// screen of that hall this host serves. The poller asks for the hall's <see cref="QueueBoard.VersionAsync"/> every
/// <see cref="QueueOptions.DisplayPollMilliseconds"/> and reads the board once per change; each screen gets that same board.
/// So the database sees one small query per interval per hall, however many screens are open — and because every host
/// polls the database, a call made on any host still reaches every screen.
/// </summary>
/// <remarks>A hall's poller runs only while at least one screen watches it, and stops with the last one.</remarks>
public sealed class HallBoardFeed(QueueBoard board, QueueOptions options, ILogger<HallBoardFeed>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<HallBoardFeed>.Instance;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HallWatch> _watches = new(StringComparer.Ordinal);
    private long _polls;

    /// <summary>How many version queries the pollers of this host have made (for tests and diagnostics).</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>How many halls are being polled now.</summary>
    public int WatchedHalls
    {
        get
        {
            lock (_gate) return _watches.Count;
        }
    }

    /// <summary>
    /// The board of <paramref name="hall"/> now, then again each time a call changes it, until
    /// <paramref name="cancellationToken"/> is cancelled (the screen went away). A board is never sent twice in a row.
    /// </summary>
    public async IAsyncEnumerable<HallBoard> WatchAsync(string hall, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = Join(hall);
        try
        {
            long? sent = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                var latest = watch.Latest;
                if (latest.Board is { } current && current.Version != sent)
                {
                    sent = current.Version;
                    yield return current;
                }
                try
                {
                    await latest.Changed.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
        }
        finally
        {
            Leave(watch);
        }
    }

    private HallWatch Join(string hall)
    {
        lock (_gate)
        {
            if (!_watches.TryGetValue(hall, out var watch))
            {
                watch = new HallWatch(hall);
                _watches.Add(hall, watch);
                // The poller runs on its own, outside any request's ambient values.
                using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => PollAsync(watch));
            }
            watch.Screens++;
            return watch;
        }
    }

    private void Leave(HallWatch watch)
    {
        lock (_gate)
        {
            if (--watch.Screens > 0) return;
            _watches.Remove(watch.Hall);
            watch.Stop.Cancel();
        }
    }

    private async Task PollAsync(HallWatch watch)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(options.DisplayPollMilliseconds, 50));
        var stop = watch.Stop.Token;
        long? known = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var version = await board.VersionAsync(watch.Hall, stop);
                Interlocked.Increment(ref _polls);
                if (version != known)
                {
                    var current = await board.HallAsync(watch.Hall, stop);
                    known = current.Version;
                    watch.Publish(current);
                }
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                // A database hiccup must not end the hall's screens: they keep the last board and the poller tries again.
                _logger.LogWarning(failure, "Polling the board of hall {Hall} failed; trying again.", watch.Hall);
                try
                {
                    await Task.Delay(interval, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        watch.Stop.Dispose();
    }

    /// <summary>One hall's poller: the latest board and the signal of the next change, swapped together.</summary>
    private sealed class HallWatch(string hall)
    {
        private volatile Snapshot _latest = new(null, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public string Hall { get; } = hall;

        /// <summary>Screens watching; guarded by the feed's lock.</summary>
        public int Screens { get; set; }

        public CancellationTokenSource Stop { get; } = new();

        public Snapshot Latest => _latest;

        public void Publish(HallBoard board)
        {
            var before = _latest;
            _latest = new Snapshot(board, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            before.Next.TrySetResult();
        }
    }

    private sealed record Snapshot(HallBoard? Board, TaskCompletionSource Next)
    {
        public Task Changed => Next.Task;
    }
}
