using Workflow.Engine.Runtime;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Fires due timer bookmarks of one <see cref="Kind"/> its own way, e.g. with the resume input its activities expect.
/// Register it as a service (<c>TryAddEnumerable</c>); the <see cref="WorkflowScheduler"/> resumes bookmarks of kinds
/// without a handler with no input. See docs/scheduling.md.
/// </summary>
/// <remarks>
/// The scheduler has claimed the bookmark for this process when it calls the handler. A handler must consume the
/// bookmark (resume it, or remove it) in the same instance write as its effect: that write's version check is what
/// makes a firing happen once even when a lease ran out and another process claimed the bookmark too.
/// </remarks>
public interface IDueBookmarkHandler
{
    /// <summary>The bookmark kind handled (<see cref="Bookmark.Kind"/>).</summary>
    string Kind { get; }

    /// <summary>Fires <paramref name="bookmark"/> of <paramref name="instanceId"/>.</summary>
    /// <exception cref="WorkflowRuntimeException">The bookmark is gone (its path went on another way): nothing to fire.</exception>
    Task FireAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken);
}
