namespace Workflow.Engine.Runtime;

/// <summary>
/// What one start or resume did: the instance as it now is, the journal lines it appended, the bookmarks it created
/// and removed (resumed, cancelled, or ended with their activity), and the WriteLine output, so a domain layer can
/// project human steps from it without reading the instance's JSON.
/// </summary>
public sealed record WorkflowRunResult(
    WorkflowInstance Instance,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Bookmark> CreatedBookmarks,
    IReadOnlyList<Bookmark> RemovedBookmarks,
    IReadOnlyList<string> Output,
    bool Replayed = false)
{
    /// <summary>The instance's status after the run.</summary>
    public WorkflowStatus Status => Instance.Status;
    /// <summary>The instance's sub-status after the run.</summary>
    public WorkflowSubStatus SubStatus => Instance.SubStatus;
}
