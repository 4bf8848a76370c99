using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Web.Display;

/// <summary>Turns a <see cref="CaseAccess"/> decision into the page's answer: 404 for what the user may not see, 403 for what the role may never do.</summary>
public static class PageAccess
{
    /// <summary>Null when allowed (the page goes on), else the result to return.</summary>
    public static IActionResult? Deny(AccessDecision decision) => decision switch
    {
        AccessDecision.Allowed => null,
        // The cookie scheme answers a forbid with the 403 page.
        AccessDecision.Forbidden => new ForbidResult(),
        _ => new NotFoundResult(),
    };
}
