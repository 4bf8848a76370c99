using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.SpecialProcedures;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>The projection's suspensions column keeps each hold's cause, and rows written before it did still read.</summary>
public class StoredSuspensionsTests
{
    private static readonly Instant Monday = Instant.FromUtc(2025, 3, 3, 1, 30);

    [Fact]
    public void A_hold_with_any_reason_a_procedure_and_a_planned_end_comes_back_as_it_was_written()
    {
        ClockSuspension[] written =
        [
            new(Monday, Monday + Duration.FromHours(30), "补正：缺少计算书; 第 2 次: 见通知", "s1"),
            new(Monday + Duration.FromDays(3), null, "特别程序：公示", "s2", SpecialProcedureKind.PublicNotice, Monday + Duration.FromDays(10)),
        ];

        var read = StoredSuspensions.DecodeFull(StoredSuspensions.Encode(written));

        // The step id is not projected (a hold names its cause by reason and procedure).
        read.Should().Equal(written.Select(s => s with { StepId = null }));
    }

    [Fact]
    public void A_row_in_the_earlier_start_end_form_still_reads_without_a_reason()
    {
        var start = Monday.ToUnixTimeTicks() * 100;
        var read = StoredSuspensions.DecodeFull($"{start}:{start + 3_600_000_000_000};{start + 7_200_000_000_000}:");

        read.Should().Equal(
            new ClockSuspension(Monday, Monday + Duration.FromHours(1), ""),
            new ClockSuspension(Monday + Duration.FromHours(2), null, ""));
    }
}
