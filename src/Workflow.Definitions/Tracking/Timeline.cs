using System.Text.Json.Serialization;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// One line of a case timeline: <c>case</c> lines come from the case file (submitted, accepted, steps opened and
/// closed, notices, clocks stopped and resumed, materials supplied, result), <c>workflow</c> lines from the
/// instance's execution journal.
/// </summary>
/// <param name="At">When.</param>
/// <param name="Source"><c>case</c> or <c>workflow</c>.</param>
/// <param name="Event">What happened, a stable name (e.g. <c>StepCompleted</c>, <c>BookmarkCreated</c>).</param>
/// <param name="Text">What happened, in words.</param>
/// <param name="StepId">The step concerned, if any.</param>
/// <param name="ActivityId">The workflow activity concerned, if any.</param>
public sealed record TimelineEntry(Instant At, string Source, string Event, string Text, string? StepId = null, string? ActivityId = null)
{
    /// <summary>The activity type of a <c>workflow</c> line (pages name it in the users' words; not part of the API).</summary>
    [JsonIgnore]
    public string? ActivityType { get; init; }
}

/// <summary>A case's timeline, oldest first; built once from the case file and the journal, shown by the API and the page alike.</summary>
public static class Timeline
{
    /// <summary>
    /// The case's timeline from its file (filing, acceptance, steps, notices, suspensions, result) and the instance's
    /// journal, oldest first.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Of(CaseFile file, IReadOnlyList<JournalEntry> journal)
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
                $"{entry.ActivityType} {entry.ActivityId}{(entry.Outcome is { Length: > 0 } o ? $" → {o}" : "")}", null, entry.ActivityId) { ActivityType = entry.ActivityType });
        // Stable: case lines before the workflow lines of the same instant, each in their own order.
        return lines.Select((line, index) => (line, index)).OrderBy(x => x.line.At).ThenBy(x => x.line.Source == "case" ? 0 : 1).ThenBy(x => x.index)
            .Select(x => x.line).ToList();
    }
}
