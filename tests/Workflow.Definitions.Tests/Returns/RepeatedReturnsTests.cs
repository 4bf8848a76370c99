using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Returns;

namespace Workflow.Definitions.Tests.Returns;

/// <summary>
/// The repeated-return rule (docs/supervision.md, Repeated returns) on hand-made case files: materials A, B, C of matter M1
/// and D of matter M2; notices are issued with <see cref="CaseFile.IssueNotice"/> as the intake and review flows do.
/// </summary>
public class RepeatedReturnsTests
{
    private static readonly Instant T1 = Instant.FromUtc(2025, 3, 3, 2, 0);
    private static readonly Instant T2 = T1 + Duration.FromDays(2);
    private static readonly Instant T3 = T1 + Duration.FromDays(4);

    [Fact]
    public void A_first_notice_is_never_a_repeated_return()
    {
        var (file, window1, _) = Case(present: ["A", "C"]);

        file.IssueNotice(window1, Items(("B", "缺少"), ("A", "盖章不清")), "clerk", T1);

        file.RepeatedReturns.Should().BeEmpty();
    }

    [Fact]
    public void The_window_asking_at_a_second_intake_round_for_a_material_present_and_not_named_at_the_first_is_a_repeated_return_with_its_reason()
    {
        var (file, window1, window2) = Case(present: ["A", "C"]);
        file.IssueNotice(window1, Items(("B", "缺少")), "clerk1", T1);
        file.Supply(["B"], T2);

        file.IssueNotice(window2, Items(("A", "盖章不清"), ("B", "补交的仍不清晰")), "clerk2", T3);

        // A was present and not named at the first notice → repeated; B was named then → follow-up, not repeated.
        file.RepeatedReturns.Should().Equal(new RepeatedReturn(window2.Id, "frontdesk", "A", "clerk2", T3, "盖章不清", T1));
        file.Notices[^1].Issuer.Should().Be("frontdesk");
        file.Notices[^1].PresentAtNotice.Should().Equal("A", "B", "C");
    }

    [Fact]
    public void A_material_named_at_the_earlier_notice_is_follow_up_even_when_asked_about_again()
    {
        var (file, window1, window2) = Case(present: ["A", "C"]);
        file.IssueNotice(window1, Items(("A", "未盖章")), "clerk", T1);

        file.IssueNotice(window2, Items(("A", "仍未盖章"), ("C", "新问题")), "clerk", T3);

        file.RepeatedReturns.Select(r => r.MaterialCode).Should().Equal("C");
    }

    [Fact]
    public void A_department_is_not_charged_for_what_the_window_or_another_matter_left_unchallenged()
    {
        var (file, window1, _) = Case(present: ["A", "B", "C", "D"]);
        var m1 = Review(file, "r1", "zjj", "M1");
        var m2 = Review(file, "r2", "zjj", "M2");
        file.IssueNotice(window1, Items(("C", "复印件不清")), "clerk", T1);
        file.IssueNotice(m1, Items(("B", "内容有误")), "rev", T2);

        // zjj's first notice on M2 asks for D (present at both earlier notices, but those were the window's and M1's).
        file.IssueNotice(m2, Items(("D", "缺签章")), "rev", T3);

        file.RepeatedReturns.Should().BeEmpty();
    }

    [Fact]
    public void Another_step_of_the_same_department_and_matter_is_the_same_issuer()
    {
        var (file, _, _) = Case(present: ["A", "B", "C"]);
        var clerkPost = Review(file, "r1", "zjj", "M1");
        var chiefPost = Review(file, "r2", "zjj", "M1");
        file.IssueNotice(clerkPost, Items(("B", "内容有误")), "科员", T1);

        file.IssueNotice(chiefPost, Items(("A", "申请表未签字")), "科长", T2);

        file.RepeatedReturns.Should().Equal(new RepeatedReturn("r2", "zjj", "A", "科长", T2, "申请表未签字", T1));
    }

    [Fact]
    public void The_warning_lists_what_a_notice_would_ask_again_before_anything_is_asked()
    {
        var (file, window1, window2) = Case(present: ["A", "C"]);
        StepDetailRisks(file, window1).Should().BeEmpty();
        file.IssueNotice(window1, Items(("B", "缺少")), "clerk", T1);
        file.Supply(["B"], T2);

        // A and C were present and not named at the first notice; B was named.
        StepDetailRisks(file, window2).Should().Equal(new RepeatedReturnRisk("A", T1), new RepeatedReturnRisk("C", T1));
        file.RepeatedReturns.Should().BeEmpty();
    }

    [Fact]
    public void Notices_of_older_case_files_without_the_materials_present_never_count()
    {
        var (file, _, window2) = Case(present: ["A", "B", "C"]);
        file.Notices.Add(new OneTimeNotice([new NoticeItem("M1", "B", "B", "缺少")], T1, "clerk"));

        file.IssueNotice(window2, Items(("A", "盖章不清")), "clerk", T3);

        file.RepeatedReturns.Should().BeEmpty();
    }

    private static IReadOnlyList<RepeatedReturnRisk> StepDetailRisks(CaseFile file, StepRecord step) => Workflow.Definitions.Tracking.StepDetail.RisksOf(file, step);

    private static IReadOnlyList<NoticeItem> Items(params (string Code, string Reason)[] items) =>
        items.Select(i => new NoticeItem(i.Code == "D" ? "M2" : "M1", i.Code, i.Code, i.Reason)).ToList();

    private static (CaseFile File, StepRecord Window1, StepRecord Window2) Case(string[] present)
    {
        var file = new CaseFile
        {
            CaseId = "C1", ProjectId = "P1", SubmittedAt = T1 - Duration.FromHours(1),
            Materials = new[] { "A", "B", "C", "D" }.Select(c => new MaterialRecord(c, c, c == "D" ? "M2" : "M1", present.Contains(c), null)).ToList(),
        };
        var window1 = Step(file, "i1", StepKind.Intake, PermitActivity.FrontDesk, null);
        var window2 = Step(file, "i2", StepKind.Intake, PermitActivity.FrontDesk, null);
        return (file, window1, window2);
    }

    private static StepRecord Review(CaseFile file, string id, string department, string matter) => Step(file, id, StepKind.Review, department, matter);

    private static StepRecord Step(CaseFile file, string id, StepKind kind, string department, string? matter)
    {
        var step = new StepRecord { Id = id, ActivityId = "a-" + id, Kind = kind, Department = department, MatterCode = matter, Title = id, CreatedAt = T1 };
        file.Steps.Add(step);
        return step;
    }
}
