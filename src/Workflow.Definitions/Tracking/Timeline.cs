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
    /// <summary>The activity type of a <c>workflow</c> line (pages name it in the users' words); null on <c>case</c> lines.</summary>
    public string? ActivityType { get; init; }

    /// <summary>
    /// What the line is about, for the pages to word it in the user's language (<see cref="Text"/> stays the API's stable
    /// text): the step, who acted, the outcome, the materials, the suspension or the result. Not part of the API.
    /// </summary>
    [JsonIgnore]
    public TimelineFacts? Facts { get; init; }
}

/// <summary>The facts of one timeline line; each line fills what concerns it.</summary>
/// <param name="Step">The step concerned.</param>
/// <param name="Actor">Who filed, acted or issued.</param>
/// <param name="Materials">Materials with the reason they were asked for (notices, supplement requests), or supplied (reason empty).</param>
/// <param name="Suspension">The suspension that stopped or let run the clocks.</param>
/// <param name="Result">The result issued.</param>
public sealed record TimelineFacts(StepRecord? Step = null, string? Actor = null, IReadOnlyList<Intake.MaterialDefect>? Materials = null,
    ClockSuspension? Suspension = null, CaseResult? Result = null);

/// <summary>A case's timeline, oldest first; built once from the case file and the journal, shown by the API and the page alike.</summary>
public static class Timeline
{
    /// <summary>
    /// The case's timeline from its file (filing, acceptance, steps, notices, suspensions, result) and the instance's
    /// journal, oldest first.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Of(CaseFile file, IReadOnlyList<JournalEntry> journal)
    {
        var lines = new List<TimelineEntry> { new(file.SubmittedAt, "case", "Submitted", $"申请提交 Application filed by {file.Agent}") { Facts = new(Actor: file.Agent) } };
        if (file.AcceptedAt is { } accepted) lines.Add(new(accepted, "case", "Accepted", "受理 Accepted; the case's clocks start") { Facts = new() });
        foreach (var step in file.Steps)
        {
            lines.Add(new(step.CreatedAt, "case", "StepOpened", $"{step.Title}: open in the {step.Department} inbox", step.Id, step.ActivityId) { Facts = new(step) });
            foreach (var request in step.SupplementRequests)
            {
                lines.Add(new(request.RequestedAt, "case", "SupplementRequested",
                    $"{step.Title}: supplement requested (补正): {string.Join("; ", request.Items.Select(i => $"{i.Code} {i.Reason}"))}", step.Id, step.ActivityId)
                    { Facts = new(step, Materials: request.Items) });
                if (request.ResubmittedAt is { } back)
                    lines.Add(new(back, "case", "Resubmitted", $"{step.Title}: materials resubmitted, the step's clocks run again", step.Id, step.ActivityId) { Facts = new(step) });
            }
            if (step.CompletedAt is { } done)
                lines.Add(step.State == StepState.Cancelled
                    ? new(done, "case", "StepCancelled", $"{step.Title}: cancelled (the review was decided without it)", step.Id, step.ActivityId) { Facts = new(step) }
                    : new(done, "case", "StepCompleted", $"{step.Title}: {step.Outcome} by {step.Actor}{(string.IsNullOrWhiteSpace(step.Opinion) ? "" : $" — {step.Opinion}")}", step.Id, step.ActivityId)
                        { Facts = new(step, step.Actor) });
        }
        foreach (var notice in file.Notices)
            lines.Add(new(notice.IssuedAt, "case", "NoticeIssued", $"一次性告知书 by {notice.IssuedBy}: {string.Join("; ", notice.Items.Select(i => $"{i.MaterialCode} {i.Reason}"))}")
                { Facts = new(Actor: notice.IssuedBy, Materials: notice.Items.Select(i => new Intake.MaterialDefect(i.MaterialCode, i.Reason)).ToList()) });
        foreach (var suspension in file.Suspensions)
        {
            lines.Add(new(suspension.Start, "case", "ClocksStopped", $"clocks stopped: {suspension.Reason}", suspension.StepId) { Facts = new(Suspension: suspension) });
            if (suspension.End is { } end) lines.Add(new(end, "case", "ClocksResumed", $"clocks run again: {suspension.Reason}", suspension.StepId) { Facts = new(Suspension: suspension) });
        }
        foreach (var group in file.Materials.Where(m => m.SubmittedAt is { } at && at > file.SubmittedAt).GroupBy(m => m.SubmittedAt!.Value))
            lines.Add(new(group.Key, "case", "MaterialsSupplied", $"materials supplied: {string.Join(", ", group.Select(m => m.Code).Distinct())}")
                { Facts = new(Materials: group.Select(m => m.Code).Distinct().Select(c => new Intake.MaterialDefect(c, "")).ToList()) });
        foreach (var commitment in file.Commitments.Where(c => c.FulfilledAt is not null))
            lines.Add(new(commitment.FulfilledAt!.Value, "case", "CommitmentFulfilled", $"commitment kept: {commitment.MaterialCode} {commitment.MaterialName}")
                { Facts = new(Materials: [new Intake.MaterialDefect(commitment.MaterialCode, "")]) });
        if (file.Result is { } result)
            lines.Add(new(result.IssuedAt, "case", "ResultIssued", $"统一窗口出件: {result.Decision} {result.CertificateType} {result.CertificateNumber}") { Facts = new(Result: result) });
        foreach (var entry in journal)
            lines.Add(new(entry.At, "workflow", entry.Event.ToString(),
                $"{entry.ActivityType} {entry.ActivityId}{(entry.Outcome is { Length: > 0 } o ? $" → {o}" : "")}", null, entry.ActivityId) { ActivityType = entry.ActivityType });
        // Stable: case lines before the workflow lines of the same instant, each in their own order.
        return lines.Select((line, index) => (line, index)).OrderBy(x => x.line.At).ThenBy(x => x.line.Source == "case" ? 0 : 1).ThenBy(x => x.index)
            .Select(x => x.line).ToList();
    }
}
