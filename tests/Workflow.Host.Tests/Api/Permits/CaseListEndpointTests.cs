using System.Net;
using System.Text.Json;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary><c>GET /api/cases</c>: who sees which cases, the filters, and bad parameters.</summary>
public sealed class CaseListEndpointTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> ListAsync(string? user, string query = "")
    {
        using var client = await host.ClientAsync(user);
        var response = await client.GetAsync("/api/cases" + query);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static IReadOnlyList<string> Ids(JsonElement body) =>
        body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Agents_see_their_own_cases_and_nobody_elses()
    {
        var (status, mine) = await ListAsync("agent1");
        var (_, theirs) = await ListAsync("agent2");

        status.Should().Be(HttpStatusCode.OK);
        Ids(mine).Should().Contain([host.AcceptedCaseId, host.IntakeCaseId]);
        Ids(theirs).Should().NotContain(host.AcceptedCaseId).And.NotContain(host.IntakeCaseId);
        mine.GetProperty("totalCount").GetInt32().Should().Be(Ids(mine).Count);
    }

    [Fact]
    public async Task Reviewers_see_the_cases_in_their_departments_inbox()
    {
        Ids((await ListAsync("reviewer-zjj")).Body).Should().Contain(host.AcceptedCaseId).And.NotContain(host.IntakeCaseId, "the case at intake has no zjj step yet");
        Ids((await ListAsync("reviewer-fgw")).Body).Should().NotContain(host.AcceptedCaseId);
        Ids((await ListAsync("frontdesk")).Body).Should().Contain([host.AcceptedCaseId, host.IntakeCaseId]);
    }

    [Fact]
    public async Task State_and_stage_filter_the_list()
    {
        var (_, submitted) = await ListAsync("supervisor", "?state=Submitted&stage=ConstructionPermit");
        var (_, inReview) = await ListAsync("supervisor", "?state=inreview");

        Ids(submitted).Should().Contain(host.IntakeCaseId).And.NotContain(host.AcceptedCaseId);
        Ids(inReview).Should().Contain(host.AcceptedCaseId).And.NotContain(host.IntakeCaseId);
        Ids((await ListAsync("supervisor", "?overdue=true")).Body).Should().NotContain(host.AcceptedCaseId, "its promised deadline is weeks away on the test clock");
    }

    [Theory]
    [InlineData("?state=Open", "state")]
    [InlineData("?state=3", "state")]
    [InlineData("?stage=Stage9", "stage")]
    [InlineData("?overdue=maybe", "overdue")]
    [InlineData("?pageSize=501", "pageSize")]
    public async Task Bad_parameters_are_problems_naming_the_parameter(string query, string field)
    {
        using var client = await host.ClientAsync("supervisor");
        var response = await client.GetAsync("/api/cases" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(body.ToString());
    }
}
