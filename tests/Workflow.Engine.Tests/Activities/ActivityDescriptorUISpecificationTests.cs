using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Activities;

namespace Workflow.Engine.Tests.Activities;

/// <summary>
/// The Studio reads an input's options from <c>uiSpecifications[uiHint]</c> in that hint's own props shape
/// (elsa-studio's UI-hint handlers): a checklist fed under <c>dropdown</c> would show no boxes.
/// </summary>
public class ActivityDescriptorUISpecificationTests
{
    [Activity("Test", "Test", "Inputs with each kind of options.")]
    public sealed class Choices : Activity
    {
        [Input(UIHint = "dropdown", Options = ["a", "b"])]
        public Input<string>? One { get; set; }

        [Input(UIHint = "checklist", Options = ["x", "y"], TypeName = "String[]")]
        public Input<string[]>? Many { get; set; }

        [Input(UIHint = "radiolist", Options = ["r1", "r2"])]
        public Input<string>? Radio { get; set; }

        public override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    private static System.Text.Json.Nodes.JsonNode InputOf(string name)
    {
        var (services, _, _) = TestFlow.Engine(o => o.AddActivity<Choices>());
        var descriptor = services.GetRequiredService<ActivityDescriptorGenerator>().DescribeAll()["items"]!.AsArray()
            .Single(d => d!["typeName"]!.GetValue<string>() == "Test.Choices")!;
        return descriptor["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == name)!;
    }

    [Fact]
    public void A_dropdown_carries_a_select_list_under_dropdown()
    {
        var input = InputOf("One");
        input["uiSpecifications"]!.AsObject().Select(p => p.Key).Should().Equal("dropdown");
        var list = input["uiSpecifications"]!["dropdown"]!["selectList"]!;
        list["isFlagsEnum"]!.GetValue<bool>().Should().BeFalse();
        list["items"]!.ToJsonString().Should().Be("""[{"text":"a","value":"a"},{"text":"b","value":"b"}]""");
    }

    [Fact]
    public void A_checklist_carries_a_check_list_under_checklist_with_unchecked_items()
    {
        var input = InputOf("Many");
        input["uiSpecifications"]!.AsObject().Select(p => p.Key).Should().Equal("checklist");
        var list = input["uiSpecifications"]!["checklist"]!["checkList"]!;
        list["isFlagsEnum"]!.GetValue<bool>().Should().BeFalse();
        list["items"]!.ToJsonString().Should().Be("""[{"text":"x","value":"x","isChecked":false},{"text":"y","value":"y","isChecked":false}]""");
    }

    [Fact]
    public void A_radio_list_carries_a_radio_list_under_radiolist()
    {
        var input = InputOf("Radio");
        input["uiSpecifications"]!["radiolist"]!["radioList"]!["items"]!.ToJsonString()
            .Should().Be("""[{"text":"r1","value":"r1"},{"text":"r2","value":"r2"}]""");
    }
}
