using NodaTime;

namespace Workflow.Definitions.Notifications;

/// <summary>One notification as its reader sees it.</summary>
public sealed record NotificationItem(long Id, string Kind, string? CaseId, string? StepId, IReadOnlyDictionary<string, string> Data, Instant CreatedAt, bool Read);
