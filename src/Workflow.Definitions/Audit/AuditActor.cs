namespace Workflow.Definitions.Audit;

/// <summary>Who is acting, as the audit trail records it: a user name and a role (<c>agent</c>, <c>reviewer:fire</c>, <c>system</c> …).</summary>
public sealed record AuditActor(string UserName, string Role)
{
    /// <summary>Timers, start-up recomputations and everything no signed-in user caused.</summary>
    public static AuditActor System { get; } = new("system", "system");
}
