using System.Collections.Concurrent;

namespace Workflow.CrashTest;

/// <summary>What the run counted, and every error and server error met (each fails the run).</summary>
internal sealed class Counters
{
    public int Sent;
    public int Unanswered;
    public int Replayed;
    public int RetriedUntilAcknowledged;

    public ConcurrentQueue<string> Errors { get; } = new();
    public ConcurrentQueue<string> ServerErrors { get; } = new();

    public void Error(string message)
    {
        Errors.Enqueue(message);
        Console.Error.WriteLine($"crash-test: {message}");
    }

    public void ServerError(string message)
    {
        ServerErrors.Enqueue(message);
        Console.Error.WriteLine($"crash-test: 5xx {message}");
    }
}
