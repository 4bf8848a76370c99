namespace Workflow.Host.Web.Permits;

/// <summary>The answer of a <see cref="CaseAccess"/> rule (docs/api.md): allowed, 403, or 404 so existence does not leak.</summary>
public enum AccessDecision
{
    Allowed,
    /// <summary>The role may never do this: 403.</summary>
    Forbidden,
    /// <summary>The caller may not see this thing: 404, as if it did not exist.</summary>
    Hidden,
}
