using NodaTime;

namespace Workflow.Definitions.Feedback;

/// <summary>
/// 好差评: the agent's rating of one finished matter of a case (<c>fb_ratings</c>), 1–5 stars with an optional comment.
/// Given once and final (docs/feedback.md, Ratings): <see cref="Id"/> is <c>case|matter</c>, so a second one cannot exist.
/// </summary>
public sealed class RatingRow
{
    /// <summary><c>case|matter</c> (<see cref="IdOf"/>): one rating per matter of a case, ever.</summary>
    public required string Id { get; set; }
    /// <summary>The case whose matter is rated; it is closed when rated.</summary>
    public required string CaseId { get; set; }
    /// <summary>The code of the matter rated, one the case applied for.</summary>
    public required string Matter { get; set; }
    /// <summary>The matter's department: the rating counts for it on the dashboard.</summary>
    public required string Department { get; set; }
    /// <summary>The user name of the project agent who rated it.</summary>
    public required string Agent { get; set; }
    /// <summary>1 to 5 stars.</summary>
    public int Stars { get; set; }
    /// <summary>The agent's optional comment; null when none.</summary>
    public string? Comment { get; set; }
    /// <summary>When the rating was given.</summary>
    public Instant RatedAt { get; set; }

    /// <summary>
    /// The <see cref="Id"/> of the rating of <paramref name="matter"/> in case <paramref name="caseId"/>.
    /// </summary>
    public static string IdOf(string caseId, string matter) => $"{caseId}|{matter}";
}
