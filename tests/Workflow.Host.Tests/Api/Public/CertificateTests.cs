using System.Net;
using System.Text.Json;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Public;

/// <summary>Electronic certificates (电子证照, docs/public.md): the public check by verification code, the page and the print.</summary>
public sealed class CertificateTests(PublicHost host) : IClassFixture<PublicHost>
{
    private JsonElement Result => host.Issued.GetProperty("result");
    private string Code => Result.Text("verificationCode");

    [Fact]
    public async Task The_verification_code_of_an_issued_approval_shows_its_essentials_without_signing_in()
    {
        using var anonymous = host.Anonymous();
        var certificate = await anonymous.GetJsonAsync($"/api/public/certificates/{Code.ToLowerInvariant()}");

        certificate.Text("code").Should().Be(Code);
        certificate.Text("number").Should().Be(Result.Text("certificateNumber"));
        certificate.Text("certificateType").Should().Be("建筑工程施工许可证");
        certificate.Text("decision").Should().Be("Approved");
        certificate.Text("projectName").Should().Be("滨江花园二期");
        certificate.Text("department").Should().Be("zjj");
        certificate.Text("departmentName").Should().Be("住房城乡建设");
        certificate.Text("status").Should().Be("Valid");
        certificate.Text("verifyUrl").Should().Be("/verify/" + Code);
        certificate.GetProperty("matters").EnumerateArray().Select(m => m.GetString()).Should().Contain("ZJJ-001 建筑工程施工许可证核发");
        certificate.GetRawText().Should().NotContain("agent1").And.NotContain("reviewer").And.NotContain(host.Issued.Id());

        await (await anonymous.GetAsync("/api/public/certificates/ZZZZZZZZ")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_verify_page_shows_a_valid_certificate_and_an_unknown_code_is_a_404_page()
    {
        using var anonymous = host.Anonymous();
        var page = await anonymous.GetStringAsync("/verify/" + Code);
        page.Should().Contain("电子证照查验").And.Contain("data-status=\"Valid\"").And.Contain("有效")
            .And.Contain(Result.Text("certificateNumber")).And.Contain("滨江花园二期").And.Contain("住房城乡建设");

        var english = await anonymous.GetStringAsync($"/verify/{Code}?culture=en");
        english.Should().Contain("Verify a certificate").And.Contain("Valid");

        var unknown = await anonymous.GetAsync("/verify/ZZZZZZZZ");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("verify-not-found");
    }

    [Fact]
    public async Task The_printed_approval_carries_the_code_and_the_verification_url_and_the_acceptance_notice_the_lookup_url()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var approval = await agent.GetStringAsync($"/cases/{host.Issued.Id()}/print/approval");
        approval.Should().Contain($"<td id=\"verification-code\">{Code}</td>").And.Contain($"<td id=\"verification-url\">http://localhost/verify/{Code}</td>");
        var notice = await agent.GetStringAsync($"/cases/{host.InReview.Id()}/print/acceptance");
        notice.Should().Contain("<span id=\"lookup-url\">http://localhost/lookup</span>");
    }
}
