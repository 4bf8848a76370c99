using System.Net;

namespace Workflow.Host.Tests.Access;

public sealed class SignInPageTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_sign_in_page_is_chinese_by_default_even_for_an_english_browser()
    {
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var html = await client.GetStringAsync("/signin");
        html.Should().Contain("<html lang=\"zh-CN\">").And.Contain("用户名").And.Contain("密码");
    }

    [Fact]
    public async Task English_is_available_and_remembered()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        (await client.GetStringAsync("/signin?culture=en")).Should().Contain("User name").And.Contain("Password");
        (await client.GetStringAsync("/signin")).Should().Contain("User name", "the choice is kept in a cookie");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_with_an_error_and_no_cookie()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "designer", ["password"] = "nope", ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("用户名或密码错误");
        (await client.GetAsync("/studio")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_that_asked_and_signing_out_ends_the_session()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin?returnUrl=%2Fstudio");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/signin?returnUrl=%2Fstudio", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "designer", ["password"] = "demo", ["returnUrl"] = "/studio", ["__RequestVerificationToken"] = token,
        }));
        response.Headers.Location!.ToString().Should().Be("/studio");

        var studio = await client.GetStringAsync("/studio");
        var signOutToken = System.Text.RegularExpressions.Regex.Match(studio, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOutToken }));
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/studio")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "designer", ["password"] = "demo", ["returnUrl"] = "https://evil.example/", ["__RequestVerificationToken"] = token,
        }));
        response.Headers.Location!.ToString().Should().Be("/");
    }
}
