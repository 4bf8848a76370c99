using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Feeds;

/// <summary>Which tokens a caller may list and revoke: every condition given (scope, owner, maker) must hold.</summary>
/// <param name="Scope">The feed's scope, or null for any.</param>
/// <param name="Owner">The agent or department, or null for any.</param>
/// <param name="CreatedBy">The user who made it, or null for any.</param>
public sealed record FeedOwner(FeedScope? Scope, string? Owner, string? CreatedBy);

/// <summary>A token just made: <see cref="Token"/> is its only appearance in clear (docs/ledger-and-feeds.md).</summary>
/// <param name="Row">The stored row (its hash).</param>
/// <param name="Token">The token itself.</param>
public sealed record NewFeedToken(FeedTokenRow Row, string Token);

/// <summary>
/// Subscription tokens of deadline calendar feeds: made (256 random bits, URL-safe), listed and revoked by their owner,
/// and resolved by the feed URL. Only hashes are stored; a revoked or unknown token resolves to nothing (the feed is 404).
/// </summary>
public sealed class FeedTokens(IDbContextFactory<WorkflowDbContext> contexts, IClock clock)
{
    /// <summary>Makes a token for <paramref name="scope"/> <paramref name="owner"/>; the answer holds its only clear copy.</summary>
    public async Task<NewFeedToken> CreateAsync(FeedScope scope, string owner, string createdBy, string? label, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new FeedTokenRow
        {
            Scope = scope, Owner = owner, TokenHash = HashOf(token), Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            CreatedBy = createdBy, CreatedAt = clock.GetCurrentInstant(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new NewFeedToken(row, token);
    }

    /// <summary>
    /// The tokens <paramref name="whose"/> describes, newest first (revoked ones included, marked): an agent's own, a
    /// department's (shared by its reviewers), or those a supervisor made.
    /// </summary>
    public async Task<IReadOnlyList<FeedTokenRow>> ListAsync(FeedOwner whose, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Of(db, whose).AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes token <paramref name="id"/> if <paramref name="whose"/> covers it; false otherwise (404). Revoking twice is harmless.</summary>
    public async Task<bool> RevokeAsync(long id, FeedOwner whose, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Of(db, whose).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null) return false;
        row.RevokedAt ??= clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static IQueryable<FeedTokenRow> Of(WorkflowDbContext db, FeedOwner whose)
    {
        var query = db.Set<FeedTokenRow>().AsQueryable();
        if (whose.Scope is { } scope) query = query.Where(t => t.Scope == scope);
        if (whose.Owner is { } owner) query = query.Where(t => t.Owner == owner);
        if (whose.CreatedBy is { } by) query = query.Where(t => t.CreatedBy == by);
        return query;
    }

    /// <summary>The live token whose text is <paramref name="token"/>; null when unknown or revoked.</summary>
    public async Task<FeedTokenRow?> ResolveAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = HashOf(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<FeedTokenRow>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
    }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text: what <c>fd_tokens</c> keeps.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
