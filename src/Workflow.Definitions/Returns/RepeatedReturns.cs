using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Returns;

/// <summary>
/// A material that, if asked for now, would be a repeated return: <see cref="UnchallengedAt"/> is the earliest notice of
/// the same issuer at which it was in the file and not named.
/// </summary>
public sealed record RepeatedReturnRisk(string MaterialCode, Instant UnchallengedAt);

/// <summary>
/// 反复退件 (docs/supervision.md, Repeated returns): a one-time notice — the window's at intake or a department's
/// supplement request in review — that asks for a material which was already in the file, and not named, at an earlier
/// notice of the same issuer on the same case: the issuer could have said so the first time. It counts against the
/// issuer (the window, <c>frontdesk</c>, or the department). The issuer is the step's department and matter: every
/// intake round is the window's, and a department's review steps of one matter (a supplement round, a post after a post)
/// are one issuer, while its review of another matter, or another department's notice, is not (each reviews its own
/// matter). Asking again about a material an earlier notice named is follow-up, not a new objection.
/// </summary>
public static class RepeatedReturns
{
    /// <summary>
    /// Every material of <paramref name="codes"/> that would be a repeated return if a notice were issued on
    /// <paramref name="step"/> now, given the case's notices so far; this is what the step page warns about before a request.
    /// Notices recorded before issuers were recorded (no <see cref="OneTimeNotice.PresentAtNotice"/>) never count.
    /// </summary>
    public static IReadOnlyList<RepeatedReturnRisk> Risks(CaseFile file, StepRecord step, IEnumerable<string> codes)
    {
        var earlier = file.Notices
            .Where(n => n.Issuer == step.Department && n.PresentAtNotice is not null && file.FindStep(n.StepId ?? "")?.MatterCode == step.MatterCode)
            .OrderBy(n => n.IssuedAt).ToList();
        var risks = new List<RepeatedReturnRisk>();
        foreach (var code in codes.Distinct())
        {
            var unchallenged = earlier.FirstOrDefault(n => n.PresentAtNotice!.Contains(code) && n.Items.All(i => i.MaterialCode != code));
            if (unchallenged is not null) risks.Add(new RepeatedReturnRisk(code, unchallenged.IssuedAt));
        }
        return risks;
    }

    /// <summary>The items of a new notice on <paramref name="step"/> that are repeated returns, each with the earlier notice it repeats.</summary>
    public static IReadOnlyList<(NoticeItem Item, Instant UnchallengedAt)> Find(CaseFile file, StepRecord step, IReadOnlyList<NoticeItem> items)
    {
        var risks = Risks(file, step, items.Select(i => i.MaterialCode)).ToDictionary(r => r.MaterialCode, r => r.UnchallengedAt);
        return items.Where(i => risks.ContainsKey(i.MaterialCode)).DistinctBy(i => i.MaterialCode).Select(i => (i, risks[i.MaterialCode])).ToList();
    }
}
