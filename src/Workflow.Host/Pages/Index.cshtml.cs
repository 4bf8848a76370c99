using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Host.Web.Access;

using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages;

/// <summary>
/// Home after sign-in: each role goes to its own page (agent → projects, reviewer → inbox, front desk → intake,
/// supervisor → overview, designer → Studio); the admin, who may do everything, gets the list of links.
/// </summary>
public sealed class IndexModel(IAuthorizationService authorization) : LocalizedPageModel
{
    public bool MayOpenStudio { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var home = AppClaims.RoleOf(User) switch
        {
            UserRole.Agent => "/projects",
            UserRole.Reviewer => "/inbox",
            UserRole.FrontDesk => "/intake",
            UserRole.Supervisor => "/supervision",
            UserRole.Designer => "/studio",
            _ => null,
        };
        if (home is not null)
            return Redirect(home + Request.QueryString);
        MayOpenStudio = (await authorization.AuthorizeAsync(User, AccessPolicies.ReadWorkflows)).Succeeded;
        return Page();
    }
}
