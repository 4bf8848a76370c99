using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Demo;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages;

/// <summary>
/// The sign-in page: user name and password against <see cref="IUserDirectory"/>, then the pages' cookie. After
/// sign-in the browser goes back to the page that asked (<c>returnUrl</c>, local paths only) or home.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(IUserDirectory users, IOptions<DemoOptions> demo) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>True after a failed attempt.</summary>
    public bool Failed { get; private set; }

    /// <summary>The demo users' names, shown as a hint while demo data is on.</summary>
    public IReadOnlyList<string> DemoUsers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Ui.RememberChoice(HttpContext);
        await LoadHintAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password)
            ? null
            : await users.VerifyPasswordAsync(Username.Trim(), Password, ct);
        if (user is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            await LoadHintAsync(ct);
            return Page();
        }

        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            AppClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private async Task LoadHintAsync(CancellationToken ct)
    {
        if (!demo.Value.Enabled)
            return;
        var all = await users.ListAsync(ct);
        DemoUsers = all.Select(u => u.UserName).ToList();
    }
}
