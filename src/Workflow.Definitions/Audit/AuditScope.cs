namespace Workflow.Definitions.Audit;

/// <summary>
/// The ambient part of the audit seam (docs/audit.md, "How to append"): the actor of the current flow (set once per
/// request by the Host) and the facts waiting for the next committed workflow save of this flow. A desk that changes a
/// case through the runtime calls <see cref="Record"/> before the call; <see cref="CaseAuditParticipant"/> writes the fact in
/// that save's transaction and forgets it once the save committed, so a retried save writes it again and a later save of
/// the same flow does not.
/// </summary>
public static class AuditScope
{
    private static readonly AsyncLocal<Frame?> Current = new();

    /// <summary>The actor of the current flow, or null (then entries name <see cref="AuditActor.System"/>).</summary>
    public static AuditActor? Actor => Current.Value?.Actor;

    /// <summary>
    /// Makes <paramref name="actor"/> the actor of everything the current flow records until the returned scope is disposed.
    /// Flows into awaited calls (an <see cref="AsyncLocal{T}"/>).
    /// </summary>
    public static IDisposable Begin(AuditActor actor)
    {
        var outer = Current.Value;
        Current.Value = new Frame(actor, outer);
        return new Restore(outer);
    }

    /// <summary>Hands <paramref name="fact"/> to the next workflow save of this flow that commits (inside its transaction).</summary>
    public static void Record(AuditFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var frame = Current.Value;
        if (frame is null)
        {
            frame = new Frame(null, null);
            Current.Value = frame;
        }
        lock (frame.Pending) frame.Pending.Add(fact);
    }

    /// <summary>The facts waiting in this flow (a copy).</summary>
    internal static IReadOnlyList<AuditFact> Pending()
    {
        var frame = Current.Value;
        if (frame is null) return [];
        lock (frame.Pending) return [.. frame.Pending];
    }

    /// <summary>Forgets <paramref name="written"/> once their save committed.</summary>
    internal static void Forget(IReadOnlyList<AuditFact> written)
    {
        var frame = Current.Value;
        if (frame is null || written.Count == 0) return;
        lock (frame.Pending) frame.Pending.RemoveAll(f => written.Any(w => ReferenceEquals(w, f)));
    }

    private sealed record Frame(AuditActor? Actor, Frame? Outer)
    {
        public List<AuditFact> Pending { get; } = [];
    }

    private sealed class Restore(Frame? outer) : IDisposable
    {
        public void Dispose() => Current.Value = outer;
    }
}
