using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// A case (办件) with everything its tracker shows: both clocks (due instant, remaining working days, level,
/// provisional, suspended), materials and what is missing, commitments, one-time notices, opinions, repeated
/// returns, the open steps, every step, the result, the timeline, and the workflow and version the case runs.
/// </summary>
public sealed record CaseView(
    string Id,
    string ProjectId,
    string ProjectName,
    string Agent,
    Stage? Stage,
    string? StageName,
    IReadOnlyList<CaseView.MatterItem> Matters,
    CaseState State,
    bool GreenChannel,
    Instant SubmittedAt,
    Instant? AcceptedAt,
    ClocksView? Clocks,
    IReadOnlyList<MaterialRecord> Materials,
    IReadOnlyList<MaterialRecord> MissingMaterials,
    IReadOnlyList<CaseView.CommitmentItem> Commitments,
    IReadOnlyList<OneTimeNotice> Notices,
    IReadOnlyList<CaseOpinion> Opinions,
    IReadOnlyList<ClockSuspension> Suspensions,
    IReadOnlyList<RepeatedReturn> RepeatedReturns,
    IReadOnlyList<StepView> OpenSteps,
    IReadOnlyList<StepView> Steps,
    CaseResult? Result,
    IReadOnlyList<TimelineEntry> Timeline,
    CaseWorkflow? Workflow)
{
    /// <summary>A matter applied for.</summary>
    public sealed record MatterItem(string Code, string Name, string Department);

    /// <summary>A commitment (承诺) to supply a waived material by <see cref="Due"/>.</summary>
    public sealed record CommitmentItem(string Matter, string Material, string MaterialName, int WorkingDays, Instant Due, Instant? FulfilledAt, bool Fulfilled, bool Overdue);

    /// <summary>The case view of <paramref name="file"/>; clocks read at <paramref name="now"/>, or when the result was issued.</summary>
    public static CaseView From(CaseFile file, IReadOnlyList<JournalEntry> journal, PermitService permits, Instant now)
    {
        var catalogue = permits.Catalogue;
        var steps = file.Steps.Select(s => StepView.From(file, s, permits, now)).ToList();
        return new CaseView(
            file.CaseId, file.ProjectId, file.ProjectName, file.Agent, file.Stage,
            file.Stage is { } stage ? catalogue.Stages.FirstOrDefault(s => s.Stage == stage)?.Name : null,
            file.Matters.Select(code => catalogue.FindMatter(code) is { } m ? new MatterItem(m.Code, m.Name, m.Department) : new MatterItem(code, code, "")).ToList(),
            file.State, file.GreenChannel, file.SubmittedAt, file.AcceptedAt,
            ClocksView.Of(CaseClocks.ForCase(file, permits.CalendarOf(file)), file.Result?.IssuedAt ?? now),
            file.Materials, file.Materials.Where(m => !m.Present).ToList(),
            file.Commitments.Select(c => new CommitmentItem(c.MatterCode, c.MaterialCode, c.MaterialName, c.WorkingDays, c.Due, c.FulfilledAt,
                c.FulfilledAt is not null, c.IsOpen ? now > c.Due : c.FulfilledAt > c.Due)).ToList(),
            file.Notices, file.Opinions, file.Suspensions, file.RepeatedReturns,
            steps.Where(s => s.State is StepState.Open or StepState.WaitingForSupplement).ToList(), steps, file.Result,
            TimelineOf(file, journal), file.Workflow);
    }

    private static List<TimelineEntry> TimelineOf(CaseFile file, IReadOnlyList<JournalEntry> journal)
    {
        var lines = new List<TimelineEntry> { new(file.SubmittedAt, "case", "Submitted", $"申请提交 Application filed by {file.Agent}") };
        if (file.AcceptedAt is { } accepted) lines.Add(new(accepted, "case", "Accepted", "受理 Accepted; the case's clocks start"));
        foreach (var step in file.Steps)
        {
            lines.Add(new(step.CreatedAt, "case", "StepOpened", $"{step.Title}: open in the {step.Department} inbox", step.Id, step.ActivityId));
            foreach (var request in step.SupplementRequests)
            {
                lines.Add(new(request.RequestedAt, "case", "SupplementRequested",
                    $"{step.Title}: supplement requested (补正): {string.Join("; ", request.Items.Select(i => $"{i.Code} {i.Reason}"))}", step.Id, step.ActivityId));
                if (request.ResubmittedAt is { } back)
                    lines.Add(new(back, "case", "Resubmitted", $"{step.Title}: materials resubmitted, the step's clocks run again", step.Id, step.ActivityId));
            }
            if (step.CompletedAt is { } done)
                lines.Add(step.State == StepState.Cancelled
                    ? new(done, "case", "StepCancelled", $"{step.Title}: cancelled (the review was decided without it)", step.Id, step.ActivityId)
                    : new(done, "case", "StepCompleted", $"{step.Title}: {step.Outcome} by {step.Actor}{(string.IsNullOrWhiteSpace(step.Opinion) ? "" : $" — {step.Opinion}")}", step.Id, step.ActivityId));
        }
        foreach (var notice in file.Notices)
            lines.Add(new(notice.IssuedAt, "case", "NoticeIssued", $"一次性告知书 by {notice.IssuedBy}: {string.Join("; ", notice.Items.Select(i => $"{i.MaterialCode} {i.Reason}"))}"));
        foreach (var suspension in file.Suspensions)
        {
            lines.Add(new(suspension.Start, "case", "ClocksStopped", $"clocks stopped: {suspension.Reason}", suspension.StepId));
            if (suspension.End is { } end) lines.Add(new(end, "case", "ClocksResumed", $"clocks run again: {suspension.Reason}", suspension.StepId));
        }
        foreach (var group in file.Materials.Where(m => m.SubmittedAt is { } at && at > file.SubmittedAt).GroupBy(m => m.SubmittedAt!.Value))
            lines.Add(new(group.Key, "case", "MaterialsSupplied", $"materials supplied: {string.Join(", ", group.Select(m => m.Code).Distinct())}"));
        foreach (var commitment in file.Commitments.Where(c => c.FulfilledAt is not null))
            lines.Add(new(commitment.FulfilledAt!.Value, "case", "CommitmentFulfilled", $"commitment kept: {commitment.MaterialCode} {commitment.MaterialName}"));
        if (file.Result is { } result)
            lines.Add(new(result.IssuedAt, "case", "ResultIssued", $"统一窗口出件: {result.Decision} {result.CertificateType} {result.CertificateNumber}"));
        foreach (var entry in journal)
            lines.Add(new(entry.At, "workflow", entry.Event.ToString(),
                $"{entry.ActivityType} {entry.ActivityId}{(entry.Outcome is { Length: > 0 } o ? $" → {o}" : "")}", null, entry.ActivityId));
        // Stable: case lines before the workflow lines of the same instant, each in their own order.
        return lines.Select((line, index) => (line, index)).OrderBy(x => x.line.At).ThenBy(x => x.line.Source == "case" ? 0 : 1).ThenBy(x => x.index)
            .Select(x => x.line).ToList();
    }
}
