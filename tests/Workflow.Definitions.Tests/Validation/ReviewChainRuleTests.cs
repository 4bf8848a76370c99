using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Workflows;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Tests.Validation;

public class ReviewChainRuleTests
{
    private static readonly WorkflowValidator Validator = new ServiceCollection().AddPermits().BuildServiceProvider().GetRequiredService<WorkflowValidator>();

    /// <summary>Start → n department reviews of <paramref name="matter"/> in a row (Approved → next) → End.</summary>
    private static string Chain(string matter, int posts, string? parallelMatter = null)
    {
        var activities = new JsonArray { Node("start", "Elsa.Start") };
        var connections = new JsonArray();
        var previous = ("start", "Done");
        if (parallelMatter is not null)
        {
            var parallel = Node("parallel", "Permits.ParallelReview");
            parallel["matters"] = Input("String[]", "Object", new JsonArray(parallelMatter, "RF-001").ToJsonString());
            activities.Add(parallel);
            connections.Add(Connect(previous, "parallel"));
            previous = ("parallel", "Approved");
        }
        for (var i = 1; i <= posts; i++)
        {
            var review = Node($"review{i}", "Permits.DepartmentReview");
            review["matter"] = Input("String", "Literal", matter);
            review["department"] = Input("String", "Literal", "zrzy");
            activities.Add(review);
            connections.Add(Connect(previous, $"review{i}"));
            previous = ($"review{i}", "Approved");
        }
        activities.Add(Node("end", "Elsa.End"));
        connections.Add(Connect(previous, "end"));
        return new JsonObject
        {
            ["id"] = "chain-v1", ["definitionId"] = "chain", ["name"] = "chain", ["version"] = 1,
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }

    private static JsonObject Node(string id, string type) => new() { ["id"] = id, ["type"] = type, ["version"] = 1 };

    private static JsonObject Input(string typeName, string type, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

    private static JsonObject Connect((string Activity, string Port) source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source.Activity, ["port"] = source.Port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private static IReadOnlyList<ValidationFinding> ChainFindings(string json) =>
        Validator.Validate(json).Findings.Where(f => f.Code == "review-chain").ToList();

    [Fact]
    public void Two_review_posts_on_one_matter_are_fine()
    {
        ChainFindings(Chain("ZRZY-003", 2)).Should().BeEmpty();
    }

    [Fact]
    public void A_third_review_post_on_one_matter_is_a_warning_that_names_the_path()
    {
        var finding = ChainFindings(Chain("ZRZY-003", 3)).Should().ContainSingle().Subject;

        finding.Severity.Should().Be(FindingSeverity.Warning);
        finding.ActivityId.Should().Be("review3");
        finding.Message.Should().Contain("3 review posts for matter ZRZY-003 (review1 → review2 → review3)").And.Contain("两岗审核终结");
    }

    [Fact]
    public void A_parallel_review_branch_counts_as_a_post()
    {
        ChainFindings(Chain("ZRZY-003", 2, parallelMatter: "ZRZY-003")).Should().ContainSingle()
            .Which.Message.Should().Contain("parallel → review1 → review2");
    }

    [Fact]
    public void The_shipped_stage_workflows_validate_without_errors_or_warnings()
    {
        foreach (var id in StageWorkflows.DefinitionIds)
            Validator.Validate(StageWorkflows.Json(id)).Findings.Should().BeEmpty(id);
    }
}
