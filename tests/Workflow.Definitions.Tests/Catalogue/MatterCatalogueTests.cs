using System.Text.Json.Nodes;
using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.Tests.Catalogue;

public class MatterCatalogueTests
{
    [Fact]
    public void Sample_catalogue_has_the_ten_departments_of_the_contract_and_matters_in_every_stage()
    {
        var catalogue = MatterCatalogue.Sample;

        catalogue.IsSample.Should().BeTrue();
        catalogue.Departments.Select(d => d.Code).Should().BeEquivalentTo(
            ["fgw", "zrzy", "zjj", "sthj", "yjgl", "rf", "sw", "jt", "qx", "scjg"]);
        catalogue.Matters.Should().HaveCountGreaterThanOrEqualTo(20);
        foreach (var stage in Enum.GetValues<Stage>())
            catalogue.MattersOf(stage).Should().HaveCountGreaterThanOrEqualTo(4, $"stage {stage} needs parallel departments");
        catalogue.Matters.Should().OnlyContain(m => m.PromisedLimit <= m.StatutoryLimit && m.GreenChannelPromisedLimit <= m.PromisedLimit);
        catalogue.Matters.SelectMany(m => m.Materials).Should().Contain(x => x.Kind == MaterialKind.Waivable);
    }

    [Fact]
    public void A_stage_marks_materials_waivable_only_when_its_shipped_workflow_intake_can_waive_them()
    {
        // Issue #13: stage 1 marked materials 可容缺 that its intake (allowWaiver false) could never waive.
        var catalogue = MatterCatalogue.Sample;
        foreach (var stage in catalogue.Stages)
        {
            var intake = JsonNode.Parse(Workflows.StageWorkflows.Json(stage.WorkflowDefinitionId))!.AsObject()
                .DescendantsOf("Permits.Intake").Should().ContainSingle().Subject;
            var allowsWaiver = (string?)intake["allowWaiver"]?["expression"]?["value"] == "True";
            var waivable = catalogue.MattersOf(stage.Stage).SelectMany(m => m.Materials).Where(x => x.Kind == MaterialKind.Waivable).Select(x => x.Code).ToList();
            if (allowsWaiver) waivable.Should().NotBeEmpty($"{stage.Stage}'s intake accepts with waiver");
            else waivable.Should().BeEmpty($"{stage.Stage}'s intake cannot waive");
        }
    }

    [Fact]
    public void The_service_centre_that_seals_the_windows_documents_is_named_or_follows_the_jurisdiction()
    {
        MatterCatalogue.Sample.ServiceCentre.Should().Be("示例市政务服务中心");
        var json = SampleJson();
        json.Remove("serviceCentre");
        json["jurisdiction"] = "某县";
        MatterCatalogue.Parse(json.ToJsonString(), "unnamed.json").ServiceCentre.Should().Be("某县政务服务中心");
    }

    [Fact]
    public void Prerequisite_cycle_is_rejected_and_the_message_names_the_cycle()
    {
        var json = SampleJson();
        SetPrerequisites(json, "ZRZY-001", "ZRZY-003"); // ZRZY-003 → ZRZY-002 → ZRZY-001 → ZRZY-003

        var act = () => MatterCatalogue.Parse(json.ToJsonString(), "cyclic.json");

        act.Should().Throw<CatalogueException>()
            .Which.Problems.Should().ContainSingle(p => p.Contains("circular"))
            .Which.Should().Contain("ZRZY-001 → ZRZY-003 → ZRZY-002 → ZRZY-001");
    }

    [Fact]
    public void Two_matters_that_require_each_other_are_a_cycle()
    {
        var json = SampleJson();
        SetPrerequisites(json, "RF-001", "SW-002");
        SetPrerequisites(json, "SW-002", "RF-001");

        var act = () => MatterCatalogue.Parse(json.ToJsonString(), "mutual.json");

        act.Should().Throw<CatalogueException>().WithMessage("*mutual.json*")
            .Which.Problems.Should().Contain(p => p.Contains("RF-001 → SW-002 → RF-001"));
    }

    [Fact]
    public void Promised_limit_above_statutory_is_rejected_with_the_matter_named()
    {
        var json = SampleJson();
        var matter = Matter(json, "ZJJ-001");
        matter["promisedLimit"] = 30;

        var act = () => MatterCatalogue.Parse(json.ToJsonString(), "limits.json");

        act.Should().Throw<CatalogueException>()
            .Which.Problems.Should().Contain(p => p.Contains("matter ZJJ-001") && p.Contains("promisedLimit 30 exceeds statutoryLimit 15"));
    }

    [Fact]
    public void Unknown_department_prerequisite_and_waivable_without_period_are_all_reported_at_once()
    {
        var json = SampleJson();
        Matter(json, "QX-001")["department"] = "nope";
        SetPrerequisites(json, "JT-001", "XX-999");
        var material = Matter(json, "SW-001")["materials"]!.AsArray()[2]!;
        material["kind"] = "Waivable";

        var act = () => MatterCatalogue.Parse(json.ToJsonString(), "many.json");

        act.Should().Throw<CatalogueException>().Which.Problems.Should().HaveCount(3).And.Contain(
        [
            "matter QX-001: department 'nope' is not in the department list",
            "matter JT-001: prerequisite 'XX-999' is not a matter of this catalogue",
            "matter SW-001: waivable material 'SW-001-PLAN' needs commitmentWorkingDays > 0 (the period to supply it)",
        ]);
    }

    [Fact]
    public void Truncated_json_is_a_catalogue_error_not_a_crash()
    {
        var act = () => MatterCatalogue.Parse("{\"departments\": [", "broken.json");

        act.Should().Throw<CatalogueException>().WithMessage("*broken.json*not valid catalogue JSON*");
    }

    [Fact]
    public void Cycle_finder_reports_each_cycle_once_from_its_smallest_code()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>
        {
            ["C"] = ["A"], ["A"] = ["B"], ["B"] = ["C", "D"], ["D"] = [], ["E"] = ["E2"], ["E2"] = ["E"],
        };

        PrerequisiteCycles.Find(graph).Select(c => string.Join(">", c))
            .Should().BeEquivalentTo(["A>B>C>A", "E>E2>E"]);
    }

    private static JsonObject SampleJson()
    {
        using var stream = typeof(MatterCatalogue).Assembly.GetManifestResourceStream("Workflow.Definitions.Catalogue.sample-catalogue.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static JsonObject Matter(JsonObject catalogue, string code) =>
        catalogue["matters"]!.AsArray().Single(m => (string?)m!["code"] == code)!.AsObject();

    private static void SetPrerequisites(JsonObject catalogue, string code, params string[] prerequisites) =>
        Matter(catalogue, code)["prerequisites"] = new JsonArray(prerequisites.Select(p => (JsonNode)p).ToArray());
}

internal static class JsonActivities
{
    /// <summary>Every activity object of <paramref name="type"/> anywhere below <paramref name="node"/>.</summary>
    public static IEnumerable<JsonObject> DescendantsOf(this JsonNode node, string type)
    {
        if (node is JsonObject o)
        {
            if ((string?)o["type"] == type) yield return o;
            foreach (var (_, child) in o)
                if (child is not null) foreach (var found in child.DescendantsOf(type)) yield return found;
        }
        else if (node is JsonArray a)
            foreach (var child in a)
                if (child is not null) foreach (var found in child.DescendantsOf(type)) yield return found;
    }
}
