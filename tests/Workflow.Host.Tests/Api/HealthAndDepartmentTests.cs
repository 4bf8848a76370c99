using System.Net;
using System.Text.Json;

namespace Workflow.Host.Tests.Api;

public sealed class HealthAndDepartmentTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Health_answers_without_credentials()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"Healthy"}""");
    }

    [Fact]
    public async Task Departments_without_credentials_are_401_problem_details_not_a_redirect()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/api/departments");
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
    }

    public static TheoryData<string> EveryRole() => new(Roles.All);

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task Every_role_reads_the_ten_sample_departments_in_contract_order(string user)
    {
        using var client = await host.AsUserAsync(user);
        var response = await client.GetAsync("/api/departments");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("code").GetString()} {i.GetProperty("name").GetString()}").ToList();
        items.Should().Equal("fgw 发展改革", "zrzy 自然资源和规划", "zjj 住房城乡建设", "sthj 生态环境", "yjgl 应急管理/消防",
            "rf 人防", "sw 水务", "jt 交通运输", "qx 气象", "scjg 市场监管");
    }

    [Fact]
    public async Task An_unknown_api_route_is_404_problem_details_for_a_signed_in_user()
    {
        using var client = await host.AsUserAsync(Roles.Admin);
        await (await client.GetAsync("/api/no-such-thing")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
