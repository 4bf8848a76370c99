using Workflow.Definitions.Messages;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Tests.Intake;

public class IntakeCheckTests
{
    // ZJJ-001 施工许可: core APP, LIC, ZJJ-001-CONTRACT, ZJJ-001-SAFETY; waivable ZJJ-001-FUNDS (5 working days).
    private static readonly Matter Permit = MatterCatalogue.Sample.FindMatter("ZJJ-001")!;
    private static readonly HashSet<string> All = Permit.Materials.Select(m => m.Code).ToHashSet();

    private static HashSet<string> Without(params string[] codes) => All.Except(codes).ToHashSet();

    [Fact]
    public void Complete_application_is_accepted()
    {
        var result = IntakeCheck.Check([Permit], All, IntakeOutcome.Accepted, [], waiverAllowed: false, commitmentSigned: false);

        result.Waived.Should().BeEmpty();
    }

    [Fact]
    public void Missing_core_material_cannot_be_accepted_even_with_waiver()
    {
        var present = Without("ZJJ-001-CONTRACT");

        var accept = () => IntakeCheck.Check([Permit], present, IntakeOutcome.Accepted, [], true, true);
        var waive = () => IntakeCheck.Check([Permit], present, IntakeOutcome.AcceptedWithWaiver, [], true, true);

        accept.Should().Throw<PermitRuleViolation>().Which.Errors.Should().ContainKey("outcome");
        waive.Should().Throw<PermitRuleViolation>().Which.Errors["outcome"].Single().Should().Match<RuleMessage>(m => m.Code == RuleCodes.IntakeWaiverCoreMissing && ((CatalogueNames)m.Arguments[0]).Codes.Contains("ZJJ-001-CONTRACT"));
    }

    [Fact]
    public void Missing_waivable_material_with_commitment_is_accepted_with_waiver_and_one_commitment_per_material()
    {
        var result = IntakeCheck.Check([Permit], Without("ZJJ-001-FUNDS"), IntakeOutcome.AcceptedWithWaiver, [], true, true);

        result.Waived.Should().ContainSingle().Which.Should().Be(new WaivedMaterial("ZJJ-001", "ZJJ-001-FUNDS", "建设资金落实证明", 5));
    }

    [Fact]
    public void Waiver_needs_the_signed_commitment_and_a_workflow_that_allows_it()
    {
        var unsigned = () => IntakeCheck.Check([Permit], Without("ZJJ-001-FUNDS"), IntakeOutcome.AcceptedWithWaiver, [], true, false);
        var notAllowed = () => IntakeCheck.Check([Permit], Without("ZJJ-001-FUNDS"), IntakeOutcome.AcceptedWithWaiver, [], false, true);

        unsigned.Should().Throw<PermitRuleViolation>().Which.Errors.Should().ContainKey("commitmentSigned");
        notAllowed.Should().Throw<PermitRuleViolation>().Which.Errors["outcome"].Single().Code.Should().Be(RuleCodes.IntakeWaiverNotAllowed);
    }

    [Fact]
    public void Supplement_notice_lists_every_missing_material_and_every_defective_one_at_once()
    {
        var result = IntakeCheck.Check([Permit], Without("ZJJ-001-CONTRACT", "ZJJ-001-FUNDS"), IntakeOutcome.SupplementRequired,
            [new MaterialDefect("ZJJ-001-SAFETY", "未盖公章")], false, false);

        result.NoticeItems.Select(i => (i.MaterialCode, i.Reason)).Should().BeEquivalentTo(
        [
            ("ZJJ-001-CONTRACT", "缺少该材料"),
            ("ZJJ-001-FUNDS", "缺少该材料"),
            ("ZJJ-001-SAFETY", "未盖公章"),
        ]);
    }

    [Fact]
    public void Empty_supplement_notice_and_unknown_material_are_rejected()
    {
        var empty = () => IntakeCheck.Check([Permit], All, IntakeOutcome.SupplementRequired, [], false, false);
        var unknown = () => IntakeCheck.Check([Permit], All, IntakeOutcome.SupplementRequired, [new MaterialDefect("NOPE", "x")], false, false);

        empty.Should().Throw<PermitRuleViolation>().Which.Errors.Should().ContainKey("missingMaterials");
        unknown.Should().Throw<PermitRuleViolation>().Which.Errors["missingMaterials"].Single().Should().BeEquivalentTo(new RuleMessage(RuleCodes.IntakeDefectUnknown, "NOPE"));
    }
}
