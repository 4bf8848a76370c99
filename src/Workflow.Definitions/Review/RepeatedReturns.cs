using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Review;

/// <summary>
/// 反复退件: asking a second time, on the same step, for a material that was already in the file at the first
/// request: it could have been listed the first time. Supervision counts these against the department.
/// </summary>
public static class RepeatedReturns
{
    /// <summary>
    /// The items of <paramref name="request"/> that are repeated returns given the step's
    /// <paramref name="earlier"/> requests: those whose material was in the file at the FIRST request of the step
    /// and that no earlier request named (asking again about a material already asked for is follow-up, not a new
    /// objection). The first request of a step never has any.
    /// </summary>
    public static IReadOnlyList<MaterialDefect> Find(IReadOnlyList<SupplementRequest> earlier, IReadOnlyList<MaterialDefect> request)
    {
        if (earlier.Count == 0) return [];
        var presentAtFirst = earlier[0].PresentAtRequest;
        var askedBefore = earlier.SelectMany(r => r.Items).Select(i => i.Code).ToHashSet();
        return request.Where(item => presentAtFirst.Contains(item.Code) && !askedBefore.Contains(item.Code)).ToList();
    }
}
