using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api;

/// <summary>
/// Saving and publishing in the Studio run the engine's validation and the permit rules (docs/studio.md "Validation in
/// the Studio"): errors refuse the publish with 400 problem details whose <c>errors</c> (what the Studio lists) name the
/// activity by display name and id in Chinese and English; warnings publish and come back as <c>findings</c>.
/// </summary>
public sealed class ElsaDomainValidationTests(HostFactory host) : IClassFixture<HostFactory>
{
    /// <summary>Start → department reviews in a row (Approved → next; other outcomes → End) → End.</summary>
    private static JsonObject Flow(string definitionId, params (string Id, string DisplayName, string Department, string Matter)[] reviews)
    {
        var activities = new JsonArray
        {
            new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
            new JsonObject { ["id"] = "end", ["type"] = "Elsa.End", ["version"] = 1 },
        };
        var connections = new JsonArray();
        var previous = ("start", "Done");
        foreach (var (id, displayName, department, matter) in reviews)
        {
            activities.Add(new JsonObject
            {
                ["id"] = id, ["type"] = "Permits.DepartmentReview", ["version"] = 1, ["name"] = id,
                ["metadata"] = new JsonObject { ["displayText"] = displayName },
                ["department"] = Literal(department), ["matter"] = Literal(matter),
            });
            connections.Add(Connect(previous, id));
            connections.Add(Connect((id, "ApprovedWithConditions"), "end"));
            connections.Add(Connect((id, "Rejected"), "end"));
            previous = (id, "Approved");
        }
        connections.Add(Connect(previous, "end"));
        return new JsonObject
        {
            ["definitionId"] = definitionId, ["name"] = definitionId,
            ["root"] = new JsonObject { ["id"] = "root1", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["activities"] = activities, ["connections"] = connections },
        };
    }

    private static JsonObject Literal(string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Connect((string Activity, string Port) source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source.Activity, ["port"] = source.Port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private async Task<HttpResponseMessage> PublishAsync(JsonObject model)
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        return await designer.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
    }

    [Fact]
    public async Task A_three_post_review_chain_publishes_with_a_two_post_warning_naming_the_activity()
    {
        var answer = await (await PublishAsync(Flow("three-posts",
            ("p1", "初审", "zrzy", "ZRZY-003"), ("p2", "复审", "zrzy", "ZRZY-003"), ("p3", "终审", "zrzy", "ZRZY-003")))).JsonAsync(HttpStatusCode.OK);

        answer.GetProperty("workflowDefinition").GetProperty("isPublished").GetBoolean().Should().BeTrue("a warning does not refuse the publish");
        var warning = answer.GetProperty("findings").EnumerateArray().Single(f => f.Text("code") == "review-chain");
        warning.Text("severity").Should().Be("warning");
        warning.Text("activityId").Should().Be("p3");
        warning.Text("activityName").Should().Be("终审");
        warning.Text("messageZh").Should().StartWith("警告：活动「终审」(p3)：").And.Contain("两岗审核终结").And.Contain("3 个审核岗位");
        warning.Text("messageEn").Should().StartWith("warning: activity \"终审\" (p3)").And.Contain("3 review posts");
    }

    [Fact]
    public async Task A_prerequisite_cycle_is_refused_with_the_findings_where_the_studio_shows_them()
    {
        // ZRZY-003 needs ZRZY-002 (sample catalogue): reviewing ZRZY-002 after it can never work.
        var problem = await (await PublishAsync(Flow("cycle-wf", ("r1", "规划审查", "zrzy", "ZRZY-003"), ("r2", "用地审查", "zrzy", "ZRZY-002"))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var texts = problem.GetProperty("errors").GetProperty("r1").EnumerateArray().Select(e => e.GetString()!).ToList();
        texts.Should().Contain(t => t.StartsWith("错误：活动「规划审查」(r1)：") && t.Contains("互为前置"));
        texts.Should().Contain(t => t.StartsWith("error: activity \"规划审查\" (r1)") && t.Contains("prerequisite cycle"));
        problem.GetProperty("findings").EnumerateArray().Should().Contain(f => f.Text("code") == "prerequisite-cycle" && f.Text("activityName") == "规划审查");

        using var designer = await host.AsUserAsync(Roles.Designer);
        var stored = await designer.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/cycle-wf");
        stored.GetProperty("isPublished").GetBoolean().Should().BeFalse("the draft is kept, the publish refused");
        await (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/cycle-wf/publish", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_department_is_refused_naming_the_activity_and_the_code()
    {
        var problem = await (await PublishAsync(Flow("nasa-wf", ("r1", "航天审查", "nasa", "ZRZY-003")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("r1").EnumerateArray().Select(e => e.GetString()!)
            .Should().Contain(t => t.Contains("活动「航天审查」(r1)") && t.Contains("「nasa」"));
    }
}
