using NodaTime;

namespace Workflow.Host.Web.Permits.Api;

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
public sealed record TimelineEntry(Instant At, string Source, string Event, string Text, string? StepId = null, string? ActivityId = null);
