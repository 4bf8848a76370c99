namespace Workflow.Engine.Runtime;

/// <summary>
/// Ids of the rows the engine writes on every step: workflow instances and bookmarks. They are 32 lowercase hex digits, as
/// before, but time-ordered (UUID version 7: the first 48 bits are the Unix time in milliseconds).
/// </summary>
/// <remarks>
/// Why: the journal, the state parts, the bookmarks and the instances' primary key are B-trees keyed by these ids. With
/// random ids every step landed in a random leaf of each tree, which then split and rebalanced with its siblings: eight
/// workers wrote 67 WAL pages (271 KB) per instance of the benchmark's K=6 process, 43 pages (174 KB) with these ids
/// (docs/benchmarks.md, "2026-12-03 (2)"). Ids that grow with time keep the instances being worked on together at the right
/// edge of each tree. Nothing reads meaning into an id: they stay opaque strings, and ids from elsewhere (an Elsa export,
/// <see cref="StartWorkflowOptions.InstanceId"/>) are kept as they are. The time is the engine's clock, so a test's clock
/// decides the order too; ids of the same millisecond are in random order among themselves, which costs nothing: they
/// are written together.
/// </remarks>
public static class StorageIds
{
    /// <summary>A new id, ordered after every id made for an earlier millisecond than <paramref name="now"/>'s.</summary>
    /// <remarks>A clock before 1970 (a test's, say) gives ids of 1970: a UUID's time cannot be earlier.</remarks>
    public static string New(NodaTime.Instant now) =>
        Guid.CreateVersion7(now < NodaTime.Instant.FromUnixTimeTicks(0) ? DateTimeOffset.UnixEpoch : now.ToDateTimeOffset()).ToString("N");
}
