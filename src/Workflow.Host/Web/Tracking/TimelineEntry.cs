using NodaTime;

namespace Workflow.Host.Web.Tracking;

/// <summary>One line of a case's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What sort of line (CSS class): <c>workflow</c>, <c>filed</c>, <c>opinion</c>, <c>notice</c>, <c>supplement</c>, <c>materials</c>, <c>result</c>.</param>
/// <param name="Title">The line's headline.</param>
/// <param name="Details">Further lines (opinion text, conditions, notice items).</param>
public sealed record TimelineEntry(Instant At, string Kind, string Title, IReadOnlyList<string> Details);
