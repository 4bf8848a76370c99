using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Pages;

/// <summary>The home page after sign-in: links to what the user's role may open.</summary>
public sealed class IndexModel(IAuthorizationService authorization) : PageModel
{
    public bool MayOpenStudio { get; private set; }

    public async Task OnGetAsync() =>
        MayOpenStudio = (await authorization.AuthorizeAsync(User, AccessPolicies.ReadWorkflows)).Succeeded;
}
