using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.ElsaApi;

namespace Workflow.Host.Web.Studio;

/// <summary>
/// A host page for one Studio element (docs/studio.md). Each load mints a fresh token for the signed-in user
/// (<see cref="AuthOptions.PageTokenLifetime"/>, ≥ 8 h) that the element sends as <c>Authorization: Bearer</c>, so
/// every Studio call is authorised like any other API call: read-only for the supervisor.
/// </summary>
public abstract class StudioPageModel(IUserDirectory users, AccessTokenIssuer tokens, StudioBundle bundle) : PageModel
{
    /// <summary>The token the element sends.</summary>
    public string AccessToken { get; private set; } = "";

    /// <summary>The Elsa API on this page's origin (the elements need an absolute URL).</summary>
    public string RemoteEndpoint => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{ElsaApiRoutes.BasePath}";

    /// <summary>The base href the bundle's relative URLs resolve against.</summary>
    public string BaseHref => $"{Request.PathBase}{StudioStaticFiles.BasePath}/";

    /// <summary>False when the npm bundle is missing; the page then says how to install it.</summary>
    public bool BundleInstalled => bundle.IsInstalled;

    /// <summary>The signed-in user's role, shown in the page's bar.</summary>
    public AppUser? CurrentUser { get; private set; }

    /// <summary>The supervisor's Studio is read-only; the bar says so.</summary>
    public bool ReadOnly => CurrentUser?.Role == UserRole.Supervisor;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var name = AppClaims.UserNameOf(User);
        CurrentUser = name is null ? null : await users.FindAsync(name, cancellationToken);
        if (CurrentUser is not null)
            AccessToken = tokens.ForStudioPage(CurrentUser).Token;
        Response.Headers.CacheControl = "no-store";
        // Read by the Studio layout.
        ViewData["BaseHref"] = BaseHref;
        ViewData["ReadOnly"] = ReadOnly;
    }
}
