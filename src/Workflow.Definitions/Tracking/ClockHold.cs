using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.SpecialProcedures;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// What holds a clock still now: a supplement (补正) or a special procedure (特别程序) of a kind, since when and, for a
/// procedure of fixed length, until when. The pages label a stopped clock from it (docs/domain.md, *Special procedures*).
/// </summary>
/// <param name="Reason">The stored reason (Chinese), e.g. 「补正：…」 or 「特别程序：公示」.</param>
/// <param name="Procedure">The special procedure's kind; null for a supplement.</param>
/// <param name="Start">When the clock stopped.</param>
/// <param name="PlannedEnd">When a special procedure of fixed length ends; null otherwise.</param>
public sealed record ClockHold(string Reason, SpecialProcedureKind? Procedure, Instant Start, Instant? PlannedEnd)
{
    /// <summary>
    /// The latest open suspension of <paramref name="suspensions"/>; null when none holds the clock. A special procedure
    /// recorded before suspensions carried their kind is known by its reason (<see cref="SpecialProcedureReasons.KindOf"/>).
    /// </summary>
    public static ClockHold? Of(IEnumerable<ClockSuspension> suspensions) =>
        suspensions.Where(s => s.End is null).OrderBy(s => s.Start).LastOrDefault() is { } open
            ? new ClockHold(open.Reason, open.Procedure ?? SpecialProcedureReasons.KindOf(open.Reason), open.Start, open.PlannedEnd)
            : null;
}
