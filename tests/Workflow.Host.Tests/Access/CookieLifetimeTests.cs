using System.Net;
using NodaTime;

namespace Workflow.Host.Tests.Access;

/// <summary>The pages' cookie ages by the app's injected clock, like the tokens.</summary>
public sealed class CookieLifetimeTests
{
    [Fact]
    public async Task The_sign_in_cookie_lapses_after_eight_idle_hours_on_the_injected_clock()
    {
        await using var host = new HostFactory();
        using var client = await host.SignedInClientAsync(Roles.Designer);
        (await client.GetAsync("/studio")).StatusCode.Should().Be(HttpStatusCode.OK);

        host.Clock.Advance(Duration.FromHours(8) + Duration.FromMinutes(1));

        var response = await client.GetAsync("/studio");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/signin");
    }
}
