using NodaTime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// The remembered answer to an operation carrying an idempotency key: the same key again returns
/// <see cref="ResponseJson"/> without applying the operation twice. <see cref="RequestHash"/> tells a
/// replay (same body) from a misuse of the key (other body).
/// </summary>
/// <param name="Scope">Who the key belongs to (e.g. a user name), so keys of different callers never collide.</param>
/// <param name="Key">The caller's key.</param>
/// <param name="RequestHash">A hash of the request that first used the key.</param>
/// <param name="ResponseJson">The first answer, as JSON.</param>
/// <param name="CreatedAt">When it was first applied.</param>
public sealed record IdempotencyRecord(string Scope, string Key, string RequestHash, string ResponseJson, Instant CreatedAt);
