using System.Text.Json.Nodes;
using NodaTime;

namespace Workflow.Engine.Runtime;

/// <summary>What happened to an activity of an instance; append-only, ordered by <see cref="JournalEntry.Sequence"/> within the instance.</summary>
public enum JournalEventKind
{
    /// <summary>The activity began executing.</summary>
    Started,
    /// <summary>The activity completed; <see cref="JournalEntry.Outcome"/> names the ports it took.</summary>
    Completed,
    /// <summary>The activity faulted the instance; the data holds the message and code.</summary>
    Faulted,
    /// <summary>The activity created a bookmark and waits.</summary>
    BookmarkCreated,
    /// <summary>One of the activity's bookmarks was resumed.</summary>
    Resumed,
    /// <summary>A waiting branch was cut off because a join completed without it (its bookmark removed).</summary>
    Cancelled,
}

/// <summary>One line of an instance's execution journal.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Sequence">1-based, gapless within the instance.</param>
/// <param name="ActivityId">The activity's id.</param>
/// <param name="ActivityType">The activity's type name.</param>
/// <param name="NodeId">The activity's node id.</param>
/// <param name="Event">What happened.</param>
/// <param name="Outcome">For <see cref="JournalEventKind.Completed"/>: the outcome port(s) taken, comma-separated.</param>
/// <param name="At">When, from the injected clock.</param>
/// <param name="Data">Extra facts (fault message, bookmark id ...).</param>
public sealed record JournalEntry(
    string InstanceId,
    long Sequence,
    string ActivityId,
    string ActivityType,
    string NodeId,
    JournalEventKind Event,
    string? Outcome,
    Instant At,
    JsonObject? Data = null);
