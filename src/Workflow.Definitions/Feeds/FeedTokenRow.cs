using NodaTime;

namespace Workflow.Definitions.Feeds;

/// <summary>
/// A calendar feed's subscription token (<c>fd_tokens</c>): only the SHA-256 of the token is kept, so the table cannot
/// be used to read anyone's feed; the token itself is shown once, when it is made. Revoking sets <see cref="RevokedAt"/>.
/// </summary>
public sealed class FeedTokenRow
{
    /// <summary>The token's number (what the owner revokes).</summary>
    public long Id { get; set; }
    /// <summary>An agent's or a department's feed.</summary>
    public FeedScope Scope { get; set; }
    /// <summary>The agent's user name or the department's code.</summary>
    public required string Owner { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public required string TokenHash { get; set; }
    /// <summary>The owner's note (which device subscribes).</summary>
    public string? Label { get; set; }
    /// <summary>The user who made it.</summary>
    public required string CreatedBy { get; set; }
    /// <summary>When it was made.</summary>
    public Instant CreatedAt { get; set; }
    /// <summary>When it was revoked; null while live.</summary>
    public Instant? RevokedAt { get; set; }
}
