using NodaTime;

namespace Workflow.Definitions.Feedback;

/// <summary>
/// 好差评: the agent's rating of one finished matter of a case (<c>fb_ratings</c>), 1–5 stars with an optional comment.
/// Given once and final (docs/feedback.md, Ratings): <see cref="Id"/> is <c>case|matter</c>, so a second one cannot exist.
/// </summary>
public sealed class RatingRow
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string Matter { get; set; }
    /// <summary>The matter's department: the rating counts for it on the dashboard.</summary>
    public required string Department { get; set; }
    public required string Agent { get; set; }
    public int Stars { get; set; }
    public string? Comment { get; set; }
    public Instant RatedAt { get; set; }

    public static string IdOf(string caseId, string matter) => $"{caseId}|{matter}";
}
