using NodaTime;

namespace Workflow.Host.Web.Access;

/// <summary>A signed access token and the instant it stops being accepted.</summary>
public sealed record IssuedToken(string Token, Instant ExpiresAt);
