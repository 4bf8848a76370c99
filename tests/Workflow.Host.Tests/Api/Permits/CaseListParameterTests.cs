using System.Net;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>GET /api/cases takes the inboxes' list parameters (docs/api.md, *Lists*; issue #13); each answer is checked against the OpenAPI document.</summary>
public sealed class CaseListParameterTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    [Fact]
    public async Task Cases_are_found_by_case_number_and_filtered_by_state_stage_and_filing_date()
    {
        using var admin = await host.ClientAsync("admin");
        var number = (await admin.GetJsonAsync($"/api/cases/{host.AcceptedCaseId}")).Text("caseNumber");

        var found = await admin.GetJsonAsync($"/api/cases?search={Uri.EscapeDataString(number)}");
        found.GetProperty("items").EnumerateArray().Select(c => c.Id()).Should().Equal(host.AcceptedCaseId);
        found.GetProperty("totalCount").GetInt32().Should().Be(1);

        (await admin.GetJsonAsync("/api/cases?state=InReview&stage=CompletionAcceptance")).GetProperty("items").EnumerateArray().Select(c => c.Id())
            .Should().Contain(host.AcceptedCaseId).And.NotContain(host.IntakeCaseId);
        (await admin.GetJsonAsync("/api/cases?state=Submitted")).GetProperty("items").EnumerateArray().Select(c => c.Id())
            .Should().Contain(host.IntakeCaseId).And.NotContain(host.AcceptedCaseId);
        (await admin.GetJsonAsync("/api/cases?from=2099-01-01")).GetProperty("totalCount").GetInt32().Should().Be(0, "nothing was filed after 2099");
        var paged = await admin.GetJsonAsync("/api/cases?sort=oldest&pageSize=1&page=2");
        paged.GetProperty("items").GetArrayLength().Should().Be(1);
        paged.GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData("level=Soon", "level")]
    [InlineData("sort=random", "sort")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("greenChannel=maybe", "greenChannel")]
    [InlineData("state=Open", "state")]
    [InlineData("department=nope", "department")]
    public async Task A_bad_list_parameter_is_400_naming_it(string query, string parameter)
    {
        using var admin = await host.ClientAsync("admin");
        var problem = await (await admin.GetAsync($"/api/cases?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(parameter, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_list_parameters_of_the_case_list()
    {
        using var anonymous = host.Anonymous();
        var document = await anonymous.GetStringAsync("/openapi/v1.json");
        var operation = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("paths").GetProperty("/api/cases").GetProperty("get");
        operation.GetProperty("parameters").EnumerateArray().Select(p => p.Text("name")).Should()
            .Contain(["search", "state", "stage", "department", "level", "greenChannel", "from", "to", "sort", "page", "pageSize"]);
    }

    /// <summary>
    /// Each list's <c>state</c> is documented with the states that list takes: a case's on the case and project lists,
    /// the list's own on the others (Unread/Read, Awaiting/Replied, …), not <c>CaseState</c> everywhere.
    /// </summary>
    [Theory]
    [InlineData("/api/notifications", "Unread,Read")]
    [InlineData("/api/notifications/outbox", "Waiting,Retrying,Sent,Failed")]
    [InlineData("/api/complaints", "Open,InHand,Answered,Closed")]
    [InlineData("/api/supervision/urgings", "Awaiting,Replied")]
    public async Task The_OpenAPI_document_lists_the_states_each_list_takes(string path, string states)
    {
        using var anonymous = host.Anonymous();
        var document = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var state = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.Text("name") == "state");
        string.Join(",", state.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString())).Should().Be(states);
        var cases = document.GetProperty("paths").GetProperty("/api/cases").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.Text("name") == "state");
        cases.GetProperty("schema").GetProperty("$ref").GetString().Should().EndWith("/CaseState");
    }
}
