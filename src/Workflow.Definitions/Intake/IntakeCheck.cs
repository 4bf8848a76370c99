using Workflow.Definitions.Messages;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.Intake;

/// <summary>
/// Checks a front-desk decision against the matter catalogue: core materials missing → the case cannot be
/// accepted; waivable materials missing → accept only with waiver, when the workflow allows it and the applicant
/// signed a commitment; a supplement notice lists every missing material (the clerk may add defective ones).
/// </summary>
public static class IntakeCheck
{
    /// <summary>What an accepted decision leads to.</summary>
    /// <param name="Waived">Materials accepted as missing under commitment (empty unless <see cref="IntakeOutcome.AcceptedWithWaiver"/>).</param>
    /// <param name="NoticeItems">For <see cref="IntakeOutcome.SupplementRequired"/>: every missing and defective material.</param>
    public sealed record Result(IReadOnlyList<WaivedMaterial> Waived, IReadOnlyList<NoticeItem> NoticeItems);

    /// <summary>
    /// Validates <paramref name="outcome"/> for an application of <paramref name="matters"/> with the materials
    /// in <paramref name="present"/>. Throws <see cref="PermitRuleViolation"/> naming the field at fault when the
    /// decision breaks a rule; returns the commitments or notice lines the decision creates.
    /// </summary>
    public static Result Check(
        IReadOnlyList<Matter> matters,
        IReadOnlySet<string> present,
        IntakeOutcome outcome,
        IReadOnlyList<MaterialDefect> defective,
        bool waiverAllowed,
        bool commitmentSigned)
    {
        var required = matters.SelectMany(m => m.Materials.Select(x => (Matter: m, Material: x))).ToList();
        var missing = required.Where(r => !present.Contains(r.Material.Code)).ToList();
        var missingCore = missing.Where(r => r.Material.Kind == MaterialKind.Core).ToList();
        var unknownDefects = defective.Where(d => required.All(r => r.Material.Code != d.Code)).ToList();
        if (unknownDefects.Count > 0)
            throw PermitRuleViolation.For("missingMaterials", RuleCodes.IntakeDefectUnknown, string.Join(", ", unknownDefects.Select(d => d.Code)));

        switch (outcome)
        {
            case IntakeOutcome.Accepted:
                if (missing.Count > 0 || defective.Count > 0)
                {
                    var reasons = new List<RuleMessage>();
                    if (missing.Count > 0)
                        reasons.Add(new(missingCore.Count == 0 && waiverAllowed ? RuleCodes.IntakeCannotAcceptWaivable : RuleCodes.IntakeCannotAccept, Describe(missing)));
                    if (defective.Count > 0) reasons.Add(new(RuleCodes.IntakeCannotAcceptDefective));
                    throw new PermitRuleViolation(new Dictionary<string, RuleMessage[]> { ["outcome"] = [.. reasons] });
                }
                return new([], []);

            case IntakeOutcome.AcceptedWithWaiver:
                if (!waiverAllowed)
                    throw PermitRuleViolation.For("outcome", RuleCodes.IntakeWaiverNotAllowed);
                if (missingCore.Count > 0)
                    throw PermitRuleViolation.For("outcome", RuleCodes.IntakeWaiverCoreMissing, Describe(missingCore));
                if (missing.Count == 0)
                    throw PermitRuleViolation.For("outcome", RuleCodes.IntakeWaiverNothingMissing);
                if (!commitmentSigned)
                    throw PermitRuleViolation.For("commitmentSigned", RuleCodes.IntakeCommitmentUnsigned);
                return new(missing.Select(r => new WaivedMaterial(r.Matter.Code, r.Material.Code, r.Material.Name, r.Material.CommitmentWorkingDays!.Value)).ToList(), []);

            case IntakeOutcome.SupplementRequired:
                // One-time notice: everything missing is listed automatically, plus what the clerk found defective.
                string ReasonFor(string code) => defective.FirstOrDefault(d => d.Code == code)?.Reason ?? "缺少该材料";
                var items = required
                    .Where(r => !present.Contains(r.Material.Code) || defective.Any(d => d.Code == r.Material.Code))
                    .Select(r => new NoticeItem(r.Matter.Code, r.Material.Code, r.Material.Name, ReasonFor(r.Material.Code)))
                    .ToList();
                if (items.Count == 0)
                    throw PermitRuleViolation.For("missingMaterials", RuleCodes.IntakeNoticeEmpty);
                return new([], items);

            case IntakeOutcome.Refused:
                return new([], []);

            default:
                throw PermitRuleViolation.For("outcome", RuleCodes.StepOutcomeNotOffered, string.Join(", ", Enum.GetNames<IntakeOutcome>()));
        }
    }

    /// <summary>
    /// The rules of an action on an intake step (see <see cref="StepActionRules"/>): the materials check of <see cref="Check"/>
    /// (throws), and a refusal names its reason. Answers the fields at fault.
    /// </summary>
    internal static Dictionary<string, RuleMessage[]> Validate(CaseFile file, StepAction action, MatterCatalogue catalogue, bool waiverAllowed)
    {
        var errors = new Dictionary<string, RuleMessage[]>();
        Check(file.Matters.Select(catalogue.FindMatter).OfType<Matter>().ToList(), file.PresentMaterials,
            Enum.Parse<IntakeOutcome>(action.Outcome!), action.MissingMaterials, waiverAllowed, action.CommitmentSigned);
        if (action.Outcome == nameof(IntakeOutcome.Refused) && string.IsNullOrWhiteSpace(action.Opinion))
            errors["opinion"] = [new(RuleCodes.IntakeRefusalReason)];
        return errors;
    }

    private static CatalogueNames Describe(IEnumerable<(Matter Matter, MaterialRequirement Material)> materials) =>
        CatalogueNames.Materials(materials.Select(m => m.Material.Code).Distinct());
}
