using System.Globalization;
using NodaTime;
using Workflow.Definitions.SpecialProcedures;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;

namespace Workflow.Host.Tests.Localization;

/// <summary>
/// A stopped clock is labelled from the suspension's cause (issue #13, item 7): a special procedure shows 特别程序, its
/// kind, start and planned end; a supplement shows 补正. Both languages.
/// </summary>
public sealed class ClockHoldLabelTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant Start = Instant.FromUtc(2026, 7, 6, 2, 0);    // 10:00 in Shanghai
    private static readonly Instant End = Instant.FromUtc(2026, 7, 15, 9, 30);    // 17:30

    private static string In(string culture, Func<string> label)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return label(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void A_public_notice_shows_its_kind_start_and_planned_end_in_both_languages()
    {
        var hold = new ClockHold("特别程序：公示", SpecialProcedureKind.PublicNotice, Start, End);

        var zh = In("zh-CN", () => Labels.Hold(hold, Shanghai));
        var en = In("en", () => Labels.Hold(hold, Shanghai));

        zh.Should().StartWith("特别程序：公示").And.Contain("2026-07-06").And.Contain("计划结束 2026-07-15").And.NotContain("补正");
        en.Should().StartWith("Special procedure: public notice").And.Contain("2026-07-06").And.Contain("planned end 2026-07-15");
        en.Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
    }

    [Fact]
    public void A_hearing_until_completed_and_a_supplement_are_named_by_their_cause()
    {
        In("zh-CN", () => Labels.Hold(new ClockHold("特别程序：听证", SpecialProcedureKind.Hearing, Start, null), Shanghai)).Should().Contain("听证").And.Contain("至办理完成");
        In("en", () => Labels.Hold(new ClockHold("特别程序：专家评审", SpecialProcedureKind.ExpertReview, Start, null), Shanghai)).Should().Contain("expert review").And.Contain("until completed");
        In("zh-CN", () => Labels.Hold(new ClockHold("补正：规划许可审查", null, Start, null), Shanghai)).Should().StartWith("计时暂停中（等待补正）");
        In("en", () => Labels.Hold(new ClockHold("补正：规划许可审查", null, Start, null), Shanghai)).Should().StartWith("Stopped while waiting for the applicant's supplement");
    }

    /// <summary>
    /// Suspensions recorded before they carried their kind (issue #13): a case file's special procedure has only its
    /// reason 「特别程序：公示」, a projection row of the old <c>start:end</c> form (Persistence/StoredSuspensions) no reason
    /// at all. Both are shown as what they are in the page's language, never a fixed English text on a Chinese page.
    /// </summary>
    [Fact]
    public void An_old_special_procedure_suspension_and_an_old_row_without_a_cause_are_labelled_in_the_pages_language()
    {
        var old = ClockHold.Of([new Workflow.Definitions.Cases.ClockSuspension(Start, null, "特别程序：专家评审", "notice")])!;
        old.Procedure.Should().Be(SpecialProcedureKind.ExpertReview, "known by its reason");
        In("zh-CN", () => Labels.Hold(old, Shanghai)).Should().StartWith("特别程序：专家评审");
        In("en", () => Labels.Hold(old, Shanghai)).Should().StartWith("Special procedure: expert review").And.NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");

        var row = new ClockHold("", null, Start, null);
        In("zh-CN", () => Labels.Hold(row, Shanghai)).Should().StartWith("计时暂停 · 自 2026-07-06").And.NotMatchRegex("[A-Za-z]{3,}").And.NotContain("（）");
        In("en", () => Labels.Hold(row, Shanghai)).Should().StartWith("Clocks held · from 2026-07-06").And.NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");

        // The timeline's stop and resume lines name the cause the same way.
        static Workflow.Definitions.Tracking.TimelineEntry Stopped(string reason) =>
            new(Start, "case", "ClocksStopped", "") { Facts = new(Suspension: new Workflow.Definitions.Cases.ClockSuspension(Start, null, reason)) };
        var catalogue = Workflow.Definitions.Catalogue.MatterCatalogue.Sample;
        In("zh-CN", () => Labels.TimelineDetail(Stopped("特别程序：公示"), catalogue)).Should().Be("计时暂停：特别程序：公示");
        In("en", () => Labels.TimelineDetail(Stopped("特别程序：公示"), catalogue)).Should().Be("clocks stopped: special procedure: public notice");
        In("zh-CN", () => Labels.TimelineDetail(Stopped(""), catalogue)).Should().Be("计时暂停：原因未记录");
        In("en", () => Labels.TimelineDetail(Stopped(""), catalogue)).Should().Be("clocks stopped: cause not recorded");
    }

    /// <summary>
    /// A stop with a cause of the workflow's own (neither a supplement nor a known special procedure, e.g. an unknown
    /// procedure kind) shows that cause in both languages — as given, in Chinese when that is all there is — instead of
    /// a bare "Clocks stopped" in English mode; the Chinese label stays Chinese.
    /// </summary>
    [Fact]
    public void A_custom_cause_is_shown_as_given_in_both_languages()
    {
        var custom = ClockHold.Of([new Workflow.Definitions.Cases.ClockSuspension(Start, null, "特别程序：现场勘察", "survey")])!;
        custom.Procedure.Should().BeNull("现场勘察 is no known kind");
        In("zh-CN", () => Labels.Hold(custom, Shanghai)).Should().Be("计时暂停中（特别程序：现场勘察） · 自 2026-07-06 10:00");
        In("en", () => Labels.Hold(custom, Shanghai)).Should().Be("Clocks stopped (特别程序：现场勘察) · from 2026-07-06 10:00");
        In("en", () => Labels.Hold(new ClockHold("awaiting the planning bureau", null, Start, null), Shanghai))
            .Should().StartWith("Clocks stopped (awaiting the planning bureau)");

        static Workflow.Definitions.Tracking.TimelineEntry Stopped(string reason) =>
            new(Start, "case", "ClocksStopped", "") { Facts = new(Suspension: new Workflow.Definitions.Cases.ClockSuspension(Start, null, reason)) };
        var catalogue = Workflow.Definitions.Catalogue.MatterCatalogue.Sample;
        In("zh-CN", () => Labels.TimelineDetail(Stopped("等待规划调整"), catalogue)).Should().Be("计时暂停：等待规划调整");
        In("en", () => Labels.TimelineDetail(Stopped("等待规划调整"), catalogue)).Should().Be("clocks stopped: 等待规划调整");
    }
}
