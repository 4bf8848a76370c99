using NodaTime;
using Workflow.Definitions.PublicLookup;
using Workflow.Definitions.SpecialProcedures;
using Workflow.Definitions.Tracking;

namespace Workflow.Definitions.Tests.PublicLookup;

/// <summary>
/// The public lookup names why the clocks stand still (issue #13, item 7: a suspension's label comes from its cause), but
/// never repeats a workflow's own free-text reason to whoever holds a paper notice (docs/public.md).
/// </summary>
public sealed class PublicHoldTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 7, 6, 2, 0);
    private static readonly Instant End = Instant.FromUtc(2026, 7, 15, 9, 30);

    [Fact]
    public void A_special_procedure_keeps_its_kind_start_and_planned_end()
    {
        PublicHold.Of(new ClockHold("特别程序：公示", SpecialProcedureKind.PublicNotice, Start, End))
            .Should().Be(new PublicHold(PublicHoldCause.SpecialProcedure, SpecialProcedureKind.PublicNotice, Start, End));
    }

    [Fact]
    public void A_supplement_is_named_as_such_without_the_step_title()
    {
        PublicHold.Of(new ClockHold("补正：施工图设计文件审查", null, Start, null))
            .Should().Be(new PublicHold(PublicHoldCause.Supplement, null, Start, null));
    }

    [Fact]
    public void A_cause_in_the_workflows_own_words_says_only_that_the_clocks_stopped()
    {
        var hold = PublicHold.Of(new ClockHold("等待张三局长批示", null, Start, null));

        hold.Should().Be(new PublicHold(PublicHoldCause.Other, null, Start, null));
        hold!.ToString().Should().NotContain("张三");
    }

    [Fact]
    public void Running_clocks_have_no_hold() => PublicHold.Of(null).Should().BeNull();
}
