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
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(IUserDirectory users, IOptions<DemoOptions> demo, IHostEnvironment environment, SignInThrottle throttle, NodaTime.IClock clock, Workflow.Definitions.Audit.AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>True after a failed attempt.</summary>
    public bool Failed { get; private set; }

    /// <summary>After too many failures: when the user may try again, in minutes (<see cref="SignInThrottle"/>).</summary>
    public int? LockedMinutes { get; private set; }

    /// <summary>The demo users' names, shown as a hint while demo data is on in the Development environment.</summary>
    public IReadOnlyList<string> DemoUsers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Ui.RememberChoice(HttpContext);
        await LoadHintAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var client = SignInThrottle.ClientOf(HttpContext);
        if (!string.IsNullOrWhiteSpace(Username) && await throttle.LockedUntilAsync(Username, client, ct) is { } until)
        {
            LockedMinutes = SignInThrottle.MinutesUntil(until, clock.GetCurrentInstant());
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await LoadHintAsync(ct);
            return Page();
        }

        var user = string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password)
            ? null
            : await users.VerifyPasswordAsync(Username.Trim(), Password, ct);
        if (user is null && !string.IsNullOrWhiteSpace(Username))
        {
            await throttle.FailedAsync(Username, client, ct);
            await audit.AppendAsync(new Workflow.Definitions.Audit.AuditFact("signin.failed", Username.Trim(), "anonymous", After: $"page; client {client}"), ct);
        }
        if (user is not null) await throttle.SucceededAsync(user.UserName, ct);
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
        // A public page never tells who may sign in: the hint is for a developer's machine only.
        if (!demo.Value.Enabled || !environment.IsDevelopment())
            return;
        var all = await users.ListAsync(ct);
        DemoUsers = all.Select(u => u.UserName).ToList();
    }
}
