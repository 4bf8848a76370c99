using Workflow.Definitions.Cases;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.SpecialProcedures;
using Workflow.Definitions.Tracking;

namespace Workflow.Definitions.PublicLookup;

/// <summary>Where one matter of a case stands, as the public lookup tells it (no outcome, no opinion).</summary>
public enum MatterProgress
{
    /// <summary>Not yet with its department (the case is at intake, or an earlier step runs first).</summary>
    Pending,
    /// <summary>Its department is handling it.</summary>
    InReview,
    /// <summary>Its department asked the applicant for materials (补正).</summary>
    WaitingForSupplement,
    /// <summary>Its department has finished with it.</summary>
    Completed,
}

/// <summary>Why the clocks of a case stand still, as far as the public may know it.</summary>
public enum PublicHoldCause
{
    /// <summary>A department waits for the applicant's materials (补正).</summary>
    Supplement,
    /// <summary>A special procedure (特别程序: 公示, 专家评审, 听证) runs; its time does not count.</summary>
    SpecialProcedure,
    /// <summary>Another cause the workflow gave in its own words, which the public lookup does not repeat.</summary>
    Other,
}

/// <summary>
/// What holds the clocks of a case still, in the public lookup: the cause's kind, the special procedure's kind, since when
/// and, for a procedure of fixed length, until when. A workflow's own free-text reason is not shown: it may name people or
/// internal matters (docs/public.md).
/// </summary>
/// <param name="Cause">The cause's kind.</param>
/// <param name="Procedure">The special procedure's kind when <paramref name="Cause"/> is <see cref="PublicHoldCause.SpecialProcedure"/>.</param>
/// <param name="Start">When the clocks stopped.</param>
/// <param name="PlannedEnd">When a special procedure of fixed length ends; null otherwise.</param>
public sealed record PublicHold(PublicHoldCause Cause, SpecialProcedureKind? Procedure, Instant Start, Instant? PlannedEnd)
{
    /// <summary>The public part of <paramref name="hold"/>; null when nothing holds the clocks.</summary>
    public static PublicHold? Of(ClockHold? hold) => hold switch
    {
        null => null,
        { Procedure: { } kind } => new(PublicHoldCause.SpecialProcedure, kind, hold.Start, hold.PlannedEnd),
        // Supplements are stored as 「补正：<step title>」 (docs/domain.md, *Supplements*).
        _ when hold.Reason.StartsWith("补正", StringComparison.Ordinal) => new(PublicHoldCause.Supplement, null, hold.Start, null),
        _ => new(PublicHoldCause.Other, null, hold.Start, null),
    };
}

/// <summary>One matter of a case in the public lookup: the matter and the department that holds it.</summary>
/// <param name="Code">The matter's catalogue code.</param>
/// <param name="Name">The matter's name.</param>
/// <param name="Department">The code of the department that decides it.</param>
/// <param name="DepartmentName">The department's name (Chinese).</param>
/// <param name="DepartmentEnglishName">The department's name in English.</param>
/// <param name="Progress">Where the matter stands.</param>
public sealed record PublicMatter(string Code, string Name, string Department, string DepartmentName, string DepartmentEnglishName, MatterProgress Progress);

/// <summary>
/// What the public progress lookup (查询办件进度) shows of a case to whoever holds its number and query code, and nothing
/// else: the stage, each matter with the department holding it and where it stands, the case's state and the remaining
/// working days of its deadline. No names of people (agent, officials), no opinions or conditions, no materials, no
/// enterprise or project data: the holder of a paper notice may be anyone (docs/public.md).
/// </summary>
/// <param name="CaseNumber">The case number.</param>
/// <param name="Stage">The stage applied for (null for a case without one).</param>
/// <param name="StageName">The stage's name (Chinese).</param>
/// <param name="State">Where the case stands.</param>
/// <param name="RemainingWorkingDays">
/// Working days left on the deadline that binds the centre (the promised clock when there is one, else the statutory one),
/// one decimal, negative when overdue; null before acceptance and once the case is closed.
/// </param>
/// <param name="ClockSuspended">True while the clocks stand still (补正, special procedure).</param>
/// <param name="Hold">Why the clocks stand still (null while they run): the pages label the stop from it, not with a fixed text.</param>
/// <param name="Matters">The matters applied for.</param>
public sealed record PublicProgress(string CaseNumber, Stage? Stage, string? StageName, CaseState State, double? RemainingWorkingDays, bool ClockSuspended,
    PublicHold? Hold, IReadOnlyList<PublicMatter> Matters)
{
    /// <summary>The public part of <paramref name="snapshot"/>.</summary>
    public static PublicProgress Of(CaseSnapshot snapshot, MatterCatalogue catalogue)
    {
        var running = snapshot.IsOpen ? snapshot.Clocks : null;
        return new PublicProgress(snapshot.CaseNumber ?? "", snapshot.Stage, snapshot.StageName, snapshot.State,
            running?.TightestRemaining(), running?.Suspended ?? false,
            running is { Suspended: true } ? PublicHold.Of(running.Hold ?? ClockHold.Of(snapshot.Suspensions)) : null,
            snapshot.Matters.Select(m => Matter(snapshot, m, catalogue.FindDepartment(m.Department))).ToList());
    }

    private static PublicMatter Matter(CaseSnapshot snapshot, MatterItem matter, Department? department) => new(
        matter.Code, matter.Name, matter.Department, department?.Name ?? matter.Department, department?.EnglishName ?? matter.Department,
        ProgressOf(snapshot, matter.Code));

    /// <summary>The matter's latest step decides; a matter no step names yet is pending while the case is open, completed after.</summary>
    private static MatterProgress ProgressOf(CaseSnapshot snapshot, string matter)
    {
        var steps = snapshot.Steps.Select(s => s.Step).Where(s => s.Matter == matter).ToList();
        if (steps.Any(s => s.State == StepState.WaitingForSupplement)) return MatterProgress.WaitingForSupplement;
        if (steps.Any(s => s.State == StepState.Open)) return MatterProgress.InReview;
        if (steps.Count > 0 || !snapshot.IsOpen) return MatterProgress.Completed;
        return MatterProgress.Pending;
    }
}
