using System.Net;
using System.Net.Http.Json;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api;

/// <summary>
/// Where an enum name is expected, only one name is taken: a comma list was read as flags (<c>InReview,Issued</c> is
/// the value of <c>Refused</c>) and a number as the member at that position (issue #15); both are 400 naming the field.
/// </summary>
public sealed class EnumInputTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Theory]
    [InlineData("state", "Submitted,Issued")]
    [InlineData("state", "InReview, Issued")]
    [InlineData("state", "3")]
    [InlineData("stage", "ConstructionPermit,CompletionAcceptance")]
    [InlineData("stage", "1")]
    public async Task A_comma_list_or_a_number_in_a_query_filter_is_400_naming_it(string field, string value)
    {
        using var admin = await host.AsUserAsync("admin");
        var problem = await (await admin.GetAsync($"/api/cases?{field}={Uri.EscapeDataString(value)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task One_name_in_any_case_filters()
    {
        using var admin = await host.AsUserAsync("admin");
        (await admin.GetAsync("/api/cases?state=issued")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(1)]
    [InlineData("GovernmentInvested,EnterpriseInvested")]
    [InlineData("")]
    public async Task A_number_or_a_comma_list_as_an_enum_body_value_is_400_naming_the_field(object kind)
    {
        using var agent = await host.AsUserAsync("agent1");
        var response = await agent.PostAsJsonAsync("/api/projects", new
        {
            code = "2025-" + Guid.NewGuid().ToString("N")[..10], name = "示例项目", enterprise = "示例建设有限公司", kind,
            greenChannel = false, priorApprovals = PermitApiDriver.PriorApprovals,
        });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("kind", out var errors).Should().BeTrue(problem.ToString());
        errors[0].GetString().Should().Contain("GovernmentInvested");
    }
}
