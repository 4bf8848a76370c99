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
            throw PermitRuleViolation.For("missingMaterials", $"not a material of the applied matters: {string.Join(", ", unknownDefects.Select(d => d.Code))}");

        switch (outcome)
        {
            case IntakeOutcome.Accepted:
                if (missing.Count > 0 || defective.Count > 0)
                    throw PermitRuleViolation.For("outcome", $"cannot accept: {Describe(missing)} missing{(defective.Count > 0 ? " and materials marked defective" : "")}; request a supplement{(missingCore.Count == 0 && waiverAllowed ? " or accept with waiver" : "")}");
                return new([], []);

            case IntakeOutcome.AcceptedWithWaiver:
                if (!waiverAllowed)
                    throw PermitRuleViolation.For("outcome", "this workflow does not allow acceptance with waiver (容缺受理)");
                if (missingCore.Count > 0)
                    throw PermitRuleViolation.For("outcome", $"cannot accept with waiver: core materials {Describe(missingCore)} are missing; only waivable materials can be waived");
                if (missing.Count == 0)
                    throw PermitRuleViolation.For("outcome", "nothing is missing: accept without waiver");
                if (!commitmentSigned)
                    throw PermitRuleViolation.For("commitmentSigned", "acceptance with waiver needs the applicant's signed commitment (承诺书)");
                return new(missing.Select(r => new WaivedMaterial(r.Matter.Code, r.Material.Code, r.Material.Name, r.Material.CommitmentWorkingDays!.Value)).ToList(), []);

            case IntakeOutcome.SupplementRequired:
                // One-time notice: everything missing is listed automatically, plus what the clerk found defective.
                string ReasonFor(string code) => defective.FirstOrDefault(d => d.Code == code)?.Reason ?? "缺少该材料";
                var items = required
                    .Where(r => !present.Contains(r.Material.Code) || defective.Any(d => d.Code == r.Material.Code))
                    .Select(r => new NoticeItem(r.Matter.Code, r.Material.Code, r.Material.Name, ReasonFor(r.Material.Code)))
                    .ToList();
                if (items.Count == 0)
                    throw PermitRuleViolation.For("missingMaterials", "nothing is missing or marked defective: a supplement notice would be empty");
                return new([], items);

            case IntakeOutcome.Refused:
                return new([], []);

            default:
                throw PermitRuleViolation.For("outcome", $"unknown intake outcome '{outcome}'");
        }
    }

    /// <summary>
    /// The rules of an action on an intake step (see <see cref="StepActionRules"/>): the materials check of <see cref="Check"/>
    /// (throws), and a refusal names its reason. Answers the fields at fault.
    /// </summary>
    internal static Dictionary<string, string[]> Validate(CaseFile file, StepAction action, MatterCatalogue catalogue, bool waiverAllowed)
    {
        var errors = new Dictionary<string, string[]>();
        Check(file.Matters.Select(catalogue.FindMatter).OfType<Matter>().ToList(), file.PresentMaterials,
            Enum.Parse<IntakeOutcome>(action.Outcome!), action.MissingMaterials, waiverAllowed, action.CommitmentSigned);
        if (action.Outcome == nameof(IntakeOutcome.Refused) && string.IsNullOrWhiteSpace(action.Opinion))
            errors["opinion"] = ["a refusal needs its reason (不予受理理由)"];
        return errors;
    }

    private static string Describe(IEnumerable<(Matter Matter, MaterialRequirement Material)> materials) =>
        string.Join(", ", materials.Select(m => $"{m.Material.Code} {m.Material.Name}"));
}
