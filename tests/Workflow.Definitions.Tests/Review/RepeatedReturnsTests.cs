using NodaTime;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Review;

namespace Workflow.Definitions.Tests.Review;

public class RepeatedReturnsTests
{
    private static readonly Instant T = Instant.FromUtc(2025, 3, 3, 2, 0);

    [Fact]
    public void First_request_of_a_step_is_never_a_repeated_return()
    {
        RepeatedReturns.Find([], [new MaterialDefect("A", "x")]).Should().BeEmpty();
    }

    [Fact]
    public void Asking_later_for_a_material_present_at_the_first_request_is_a_repeated_return()
    {
        var first = new SupplementRequest([new MaterialDefect("B", "缺少")], new List<string> { "A", "C" }, T, T + Duration.FromDays(2));

        var repeated = RepeatedReturns.Find([first], [new MaterialDefect("A", "盖章不清"), new MaterialDefect("D", "新要求的材料")]);

        repeated.Should().ContainSingle().Which.Code.Should().Be("A");
    }

    [Fact]
    public void Asking_again_about_a_defective_material_named_at_the_first_request_is_not_a_repeated_return()
    {
        var first = new SupplementRequest([new MaterialDefect("A", "未盖章")], new List<string> { "A", "C" }, T, T + Duration.FromDays(2));

        RepeatedReturns.Find([first], [new MaterialDefect("A", "仍未盖章"), new MaterialDefect("C", "新问题")])
            .Should().ContainSingle().Which.Code.Should().Be("C");
    }

    [Fact]
    public void Asking_again_for_the_material_first_requested_is_not_a_repeated_return()
    {
        var first = new SupplementRequest([new MaterialDefect("B", "缺少")], new List<string> { "A" }, T, T + Duration.FromDays(2));

        RepeatedReturns.Find([first], [new MaterialDefect("B", "补交的材料仍不合格")]).Should().BeEmpty();
    }
}
