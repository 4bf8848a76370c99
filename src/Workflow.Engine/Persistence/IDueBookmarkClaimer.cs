using NodaTime;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// Hands due timer bookmarks to one worker at a time when several processes share a database, so each timer fires
/// once. A claim is a lease: if the worker dies, the bookmark becomes claimable again when the lease ends.
/// </summary>
/// <remarks>
/// A claim does not lock the instance: the worker resumes the bookmark through <see cref="IWorkflowInstanceStore.UpdateAsync"/>,
/// whose version check still decides; a resume that finds its bookmark gone (another path consumed it) is a no-op for the runtime.
/// </remarks>
public interface IDueBookmarkClaimer
{
    /// <summary>
    /// Claims up to <paramref name="max"/> bookmarks whose <see cref="Bookmark.ResumeAt"/> is at or before <paramref name="now"/>
    /// and that are unclaimed or whose lease ended at or before <paramref name="now"/>; earliest due first. Each returned
    /// bookmark is leased to <paramref name="owner"/> until <paramref name="now"/> + <paramref name="lease"/>. Bookmarks another
    /// worker is claiming at the same moment are skipped, not waited for.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is empty, <paramref name="lease"/> is not positive or <paramref name="max"/> is below 1.</exception>
    Task<IReadOnlyList<(string InstanceId, Bookmark Bookmark)>> ClaimDueAsync(string owner, Instant now, Duration lease, int max, CancellationToken cancellationToken = default);
}
