using Workflow.Definitions.Cases;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// Hands the case file as the runtime loaded it for a resume to <see cref="PermitProjection"/>, which then projects only
/// the rows the run changed instead of reading the case's every step row (docs/domain.md, *The read side*; issue #16).
/// A desk opens a handoff around its runtime call and remembers the file in the resume's check, on the very instance
/// the resume applies to; the projection takes it only for that instance at that version (a reload after a concurrent
/// change is remembered again). Flows into awaited calls and into the group-commit's save (an <see cref="AsyncLocal{T}"/>).
/// </summary>
internal static class CaseFileBefore
{
    private static readonly AsyncLocal<Handoff?> Current = new();

    /// <summary>Opens a handoff for the current flow until the returned scope is disposed.</summary>
    public static Handoff Begin()
    {
        var handoff = new Handoff(Current.Value);
        Current.Value = handoff;
        return handoff;
    }

    /// <summary>The case file (and the instance's last update) remembered for <paramref name="instance"/> at its (expected, old) version, or null.</summary>
    public static (CaseFile File, NodaTime.Instant UpdatedAt)? For(WorkflowInstance instance)
    {
        var remembered = Current.Value?.Remembered;
        return remembered is { } r && r.InstanceId == instance.Id && r.Version == instance.Version ? (r.File, r.UpdatedAt) : null;
    }

    /// <summary>One desk call's handoff.</summary>
    public sealed class Handoff(Handoff? outer) : IDisposable
    {
        internal (string InstanceId, long Version, NodaTime.Instant UpdatedAt, CaseFile File)? Remembered { get; private set; }

        /// <summary>Remembers <paramref name="file"/>, read from <paramref name="instance"/> as loaded (not the object the run changes).</summary>
        public void Remember(WorkflowInstance instance, CaseFile file) => Remembered = (instance.Id, instance.Version, instance.UpdatedAt, file);

        /// <inheritdoc />
        public void Dispose() => Current.Value = outer;
    }
}
