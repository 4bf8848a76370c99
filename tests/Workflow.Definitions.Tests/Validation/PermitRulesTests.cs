using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Validation;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Tests.Validation;

/// <summary>The permit rules the Studio's save and publish run (docs/studio.md "Validation in the Studio").</summary>
public class PermitRulesTests
{
    private static readonly WorkflowValidator Validator = new ServiceCollection().AddPermits().BuildServiceProvider().GetRequiredService<WorkflowValidator>();

    /// <summary>A flow Start → the given reviews in a row (each Approved → next, every other outcome → End) → End.</summary>
    private static JsonObject Flow(params JsonObject[] reviews)
    {
        var activities = new JsonArray { Node("start", "Elsa.Start", "开始"), Node("end", "Elsa.End", "办结") };
        var connections = new JsonArray();
        var previous = ("start", "Done");
        foreach (var review in reviews)
        {
            activities.Add(review.DeepClone());
            var id = review["id"]!.GetValue<string>();
            connections.Add(Connect(previous, id));
            foreach (var other in new[] { "ApprovedWithConditions", "Rejected" })
                connections.Add(Connect((id, other), "end"));
            previous = (id, "Approved");
        }
        connections.Add(Connect(previous, "end"));
        return new JsonObject
        {
            ["definitionId"] = "rules", ["name"] = "rules",
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        };
    }

    private static JsonObject Review(string id, string displayName, string department, string matter) => new()
    {
        ["id"] = id, ["type"] = "Permits.DepartmentReview", ["version"] = 1, ["name"] = id,
        ["metadata"] = new JsonObject { ["displayText"] = displayName },
        ["department"] = Input("Literal", department),
        ["matter"] = Input("Literal", matter),
    };

    private static JsonObject Node(string id, string type, string name) => new() { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = name };

    private static JsonObject Input(string type, string value) =>
        new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

    private static JsonObject Connect((string Activity, string Port) source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source.Activity, ["port"] = source.Port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private static IReadOnlyList<FindingText> Findings(JsonObject flow)
    {
        var (definition, findings) = Validator.Validate(flow.ToJsonString());
        return FindingText.Of(findings, definition);
    }

    [Fact]
    public void A_clean_two_review_flow_has_no_finding()
    {
        // ZRZY-003 (工程规划许可) needs ZRZY-002 (sample catalogue); reviewing ZRZY-002 first respects it.
        Findings(Flow(Review("r1", "用地审查", "zrzy", "ZRZY-002"), Review("r2", "规划审查", "zrzy", "ZRZY-003"))).Should().BeEmpty();
    }

    [Fact]
    public void Reviewing_a_prerequisite_after_the_matter_that_needs_it_is_a_prerequisite_cycle_error_naming_both()
    {
        var findings = Findings(Flow(Review("r1", "规划审查", "zrzy", "ZRZY-003"), Review("r2", "用地审查", "zrzy", "ZRZY-002")));

        var cycle = findings.Should().ContainSingle(f => f.Finding.Code == "prerequisite-cycle").Subject;
        cycle.IsError.Should().BeTrue();
        cycle.Finding.ActivityId.Should().Be("r1");
        cycle.Zh.Should().Contain("活动「规划审查」(r1)").And.Contain("互为前置").And.Contain("用地审查");
        cycle.En.Should().Contain("activity \"规划审查\" (r1)").And.Contain("ZRZY-002");
    }

    [Fact]
    public void A_prerequisite_two_steps_away_counts_too()
    {
        // ZRZY-003 needs ZRZY-002, which needs ZRZY-001: ZRZY-001 after ZRZY-003 is a cycle as well.
        Findings(Flow(Review("r1", "规划审查", "zrzy", "ZRZY-003"), Review("r2", "选址", "zrzy", "ZRZY-001")))
            .Should().Contain(f => f.Finding.Code == "prerequisite-cycle" && f.Finding.ActivityId == "r1");
    }

    [Fact]
    public void Unknown_departments_and_matters_are_errors_naming_the_code_and_the_activity()
    {
        var findings = Findings(Flow(Review("r1", "航天审查", "nasa", "NASA-001")));

        findings.Should().Contain(f => f.Finding.Code == "unknown-department" && f.IsError && f.Zh.Contains("「nasa」") && f.Zh.Contains("活动「航天审查」(r1)"));
        findings.Should().Contain(f => f.Finding.Code == "unknown-matter" && f.IsError && f.En.Contains("\"NASA-001\""));
    }

    [Fact]
    public void A_review_outcome_left_unconnected_is_an_error_per_outcome()
    {
        var flow = Flow(Review("r1", "规划审查", "zrzy", "ZRZY-003"));
        var connections = flow["root"]!["connections"]!.AsArray();
        connections.Remove(connections.Single(c => c!["source"]!["port"]!.GetValue<string>() == "Rejected"));

        var findings = Findings(flow).Where(f => f.Finding.Code == "unconnected-outcome").ToList();

        findings.Should().ContainSingle().Which.Zh.Should().Contain("「Rejected」").And.Contain("规划审查");
    }

    [Fact]
    public void SupplementRequested_must_be_connected_only_when_a_supplement_leaves_the_step()
    {
        var review = Review("r1", "规划审查", "zrzy", "ZRZY-003");
        Findings(Flow(review)).Should().NotContain(f => f.Finding.Code == "unconnected-outcome");

        review["supplementLeavesStep"] = new JsonObject { ["typeName"] = "Boolean", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "true" } };
        Findings(Flow(review)).Should().ContainSingle(f => f.Finding.Code == "unconnected-outcome").Which.En.Should().Contain("\"SupplementRequested\"");
    }

    [Fact]
    public void A_matter_sent_to_another_department_is_a_warning()
    {
        Findings(Flow(Review("r1", "规划审查", "zjj", "ZRZY-003")))
            .Should().ContainSingle().Which.Should().Match<FindingText>(f => f.Finding.Code == "matter-department" && !f.IsError);
    }

    [Fact]
    public void Engine_findings_get_a_chinese_line_and_the_display_name_too()
    {
        var flow = Flow(Review("r1", "规划审查", "zrzy", "ZRZY-003"));
        flow["root"]!["connections"]!.AsArray().Add(Connect(("r1", "NoSuchPort"), "end"));

        var port = Findings(flow).Should().ContainSingle(f => f.Finding.Code == "missing-port").Subject;

        port.Zh.Should().StartWith("错误：活动「规划审查」(r1)：连线使用了活动没有的端口");
        port.En.Should().StartWith("error: activity \"规划审查\" (r1) (connections): ");
    }

    [Theory]
    [InlineData("stage-1-project-approval")]
    [InlineData("stage-2-engineering-permit")]
    [InlineData("stage-3-construction-permit")]
    [InlineData("stage-4-completion-acceptance")]
    public void The_shipped_stage_workflows_have_no_errors(string definitionId)
    {
        Validator.Validate(Workflows.StageWorkflows.Json(definitionId)).Findings.Where(f => f.Severity == FindingSeverity.Error).Should().BeEmpty();
    }
}
