using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.Host.Tests;

/// <summary>Signs in through the sign-in page's form (antiforgery token included), leaving the cookie in the client.</summary>
public static class PageSignIn
{
    public static async Task<HttpClient> SignedInClientAsync(this HostFactory host, string userName, string password = "demo")
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin");
        var antiforgery = AntiforgeryField().Match(form);
        antiforgery.Success.Should().BeTrue("the sign-in form carries an antiforgery token");
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = antiforgery.Groups[1].Value,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} signs in through the page");
        return client;
    }


    private static Regex AntiforgeryField() => new("""name="__RequestVerificationToken"[^>]*value="([^"]+)""");
}
