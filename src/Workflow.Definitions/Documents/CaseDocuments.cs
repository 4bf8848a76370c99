using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Documents;

/// <summary>
/// Which documents a case can print and what they say beyond the snapshot: who issues them and by when the applicant must
/// resubmit what a one-time notice asks for (docs/pages.md, *Printable documents*). The pages only lay them out.
/// </summary>
public static class CaseDocuments
{
    /// <summary>The documents <paramref name="snapshot"/> has now, in the order they arise.</summary>
    public static IReadOnlyList<DocumentKind> Available(CaseSnapshot snapshot)
    {
        var kinds = new List<DocumentKind>();
        if (snapshot.AcceptedAt is not null) kinds.Add(DocumentKind.Acceptance);
        if (snapshot.Notices.Count > 0) kinds.Add(DocumentKind.OneTimeNotice);
        if (snapshot.State == CaseState.Refused) kinds.Add(DocumentKind.Refusal);
        if (snapshot.State == CaseState.Issued && snapshot.Result is not null) kinds.Add(DocumentKind.Approval);
        if (snapshot.State == CaseState.Rejected && snapshot.Result is not null) kinds.Add(DocumentKind.Rejection);
        return kinds;
    }

    /// <summary>
    /// The lines of a printed one-time notice: each material once (a notice names a material shared by several matters once
    /// per matter), with the matters that need it, its reasons, and by when it must be handed in: the longest resubmission
    /// limit of those matters (<see cref="Matter.ResubmissionLimit"/>) in working days from the notice, counted like every clock.
    /// </summary>
    public static IReadOnlyList<NoticeLine> Lines(OneTimeNotice notice, MatterCatalogue catalogue, WorkingCalendar calendar) =>
        notice.Items.GroupBy(i => i.MaterialCode).Select(g =>
        {
            var matters = g.Select(i => i.MatterCode).Distinct().ToList();
            var limit = matters.Max(code => catalogue.FindMatter(code)?.ResubmissionLimit ?? Matter.DefaultResubmissionLimit);
            return new NoticeLine(g.Key, g.First().MaterialName, matters.Select(code => catalogue.FindMatter(code)?.Name ?? code).ToList(),
                g.Select(i => i.Reason).Distinct().ToList(), new DeadlineClock(calendar, notice.IssuedAt, limit).Due!.Value);
        }).ToList();

    /// <summary>The department that decides the case: the stage's lead department (牵头部门), else the first matter's.</summary>
    public static string? DecidingDepartment(CaseSnapshot snapshot, MatterCatalogue catalogue) =>
        DecidingDepartment(snapshot.Stage, snapshot.Matters.Select(m => m.Department), catalogue);

    /// <summary>The department that decides a case of <paramref name="stage"/> whose matters' departments are <paramref name="matterDepartments"/>.</summary>
    public static string? DecidingDepartment(Stage? stage, IEnumerable<string> matterDepartments, MatterCatalogue catalogue) =>
        catalogue.Stages.FirstOrDefault(s => s.Stage == stage)?.LeadDepartment ?? matterDepartments.FirstOrDefault();

    /// <summary>The opinions a refusal or rejection rests on: those with a negative outcome, else every opinion with a text.</summary>
    public static IReadOnlyList<CaseOpinion> Grounds(CaseSnapshot snapshot)
    {
        var negative = snapshot.Opinions.Where(o => o.Outcome is "Refused" or "Rejected" or "Disagree" or "Failed").ToList();
        return negative.Count > 0 ? negative : snapshot.Opinions.Where(o => !string.IsNullOrWhiteSpace(o.Text)).ToList();
    }
}

/// <summary>One material of a printed one-time notice: the matters needing it, why, and by when.</summary>
public sealed record NoticeLine(string MaterialCode, string MaterialName, IReadOnlyList<string> Matters, IReadOnlyList<string> Reasons, Instant Due);
