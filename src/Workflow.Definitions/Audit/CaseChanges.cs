using NodaTime.Text;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;

namespace Workflow.Definitions.Audit;

/// <summary>
/// The audit facts of one save of a case: what differs between the case and step rows as last committed and the case file
/// about to be committed (docs/audit.md, "What is recorded").
/// </summary>
internal static class CaseChanges
{
    public static IReadOnlyList<AuditFact> Between(CaseRow? before, IReadOnlyDictionary<string, StepRow> stepsBefore, CaseFile file, AuditActor? actor)
    {
        var facts = new List<AuditFact>();
        var caseId = file.CaseId;
        if (before is null)
        {
            var agent = actor?.UserName == file.Agent ? actor : new AuditActor(file.Agent, "agent");
            facts.Add(new AuditFact("case.filed", agent.UserName, agent.Role, caseId, null, null,
                $"{file.State}; {file.Stage}; matters {string.Join(",", file.Matters)}; materials {file.Materials.Count(m => m.Present)}/{file.Materials.Count}"
                + (file.Workflow is { } w ? $"; workflow {w.DefinitionId} v{w.Version}" : "")));
        }

        foreach (var step in file.Steps)
        {
            stepsBefore.TryGetValue(step.Id, out var old);
            var who = StepActor(step, actor);
            if (old is null)
            {
                facts.Add(new AuditFact("step.opened", who.UserName, who.Role, caseId, step.Id, null, $"{step.State}; {step.Department}; {Dues(step.PromisedDue, step.StatutoryDue)}"));
                if (step.Outcome is null) continue;
            }
            var oldState = (old?.State ?? StepState.Open).ToString();
            var newState = step.State.ToString();
            if (old?.Outcome is null && step.Outcome is not null)
            {
                var action = step.State == StepState.Cancelled ? "step.cancelled" : "step.acted";
                var by = step.State == StepState.Cancelled ? AuditActor.System : who;
                facts.Add(new AuditFact(action, by.UserName, by.Role, caseId, step.Id, oldState, $"{newState}: {step.Outcome}"));
            }
            else if (old is not null && oldState != newState)
            {
                var action = step.State == StepState.WaitingForSupplement ? "step.supplement-requested"
                    : old.State == StepState.WaitingForSupplement && step.State == StepState.Open ? "step.resumed" : "step.state";
                facts.Add(new AuditFact(action, who.UserName, who.Role, caseId, step.Id, oldState, newState));
            }
        }

        if (before is null) return facts;
        var by2 = actor ?? AuditActor.System;
        var state = file.State.ToString();
        if (before.State != file.State)
        {
            var action = file.State == CaseState.Issued ? "case.issued" : "case.state";
            var after = file.Result is { } r ? $"{state}; {r.Decision}{(r.CertificateNumber is null ? "" : $"; certificate {r.CertificateNumber}")}" : state;
            facts.Add(new AuditFact(action, by2.UserName, by2.Role, caseId, null, before.State.ToString(), after));
        }
        var suspended = file.Suspensions.Any(s => s.End is null);
        if (before.Suspended != suspended)
            facts.Add(new AuditFact(suspended ? "clock.suspended" : "clock.resumed", by2.UserName, by2.Role, caseId, null,
                Dues(before.PromisedDue, before.StatutoryDue), Dues(file.PromisedDue, file.StatutoryDue)));
        var missing = file.Materials.Where(m => !m.Present).Select(m => m.Code).Distinct().Count();
        if (missing < before.MissingMaterials)
            facts.Add(new AuditFact("materials.supplied", by2.UserName, by2.Role, caseId, null, $"missing {before.MissingMaterials}", $"missing {missing}"));
        // One entry per repeated return, naming the material and the reason (docs/supervision.md, Repeated returns).
        for (var n = before.RepeatedReturns; n < file.RepeatedReturns.Count; n++)
        {
            var r = file.RepeatedReturns[n];
            var issuer = actor ?? new AuditActor(r.Actor, r.Department == PermitActivity.FrontDesk ? "frontdesk" : $"reviewer:{r.Department}");
            facts.Add(new AuditFact("return.repeated", issuer.UserName, issuer.Role, caseId, r.StepId, n.ToString(),
                $"{n + 1}: {r.Department} {r.MaterialCode}{(r.Reason is null ? "" : $" — {r.Reason}")}"));
        }
        var open = file.Commitments.Count(c => c.IsOpen);
        if (open != before.OpenCommitments)
            facts.Add(new AuditFact("commitments.open", by2.UserName, by2.Role, caseId, null, before.OpenCommitments.ToString(), open.ToString()));
        return facts;
    }

    /// <summary>The step's own actor once it acted; else the flow's actor; else the system (a timer).</summary>
    private static AuditActor StepActor(StepRecord step, AuditActor? actor)
    {
        if (actor is not null && (step.Actor is null || step.Actor == actor.UserName)) return actor;
        if (step.Actor is null or "system") return AuditActor.System;
        return new AuditActor(step.Actor, step.Kind == StepKind.Intake ? "frontdesk" : $"reviewer:{step.Department}");
    }

    private static string Dues(NodaTime.Instant? promised, NodaTime.Instant? statutory) =>
        $"promised due {Format(promised)}, statutory due {Format(statutory)}";

    private static string Format(NodaTime.Instant? at) => at is { } a ? InstantPattern.General.Format(a) : "-";
}
