using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Supervision;

/// <summary>The key of a card and of its timer: subject, clock and level, so each fires at most once.</summary>
public static class CardKey
{
    /// <summary>
    /// The key <c>case|subject|subjectId|clock|level</c> (<c>-</c> for a missing subject id) shared by a card and its
    /// timer.
    /// </summary>
    public static string Of(string caseId, CardSubject subject, string? subjectId, CardClock clock, DeadlineLevel level) =>
        $"{caseId}|{subject}|{subjectId ?? "-"}|{clock}|{level}";
}
