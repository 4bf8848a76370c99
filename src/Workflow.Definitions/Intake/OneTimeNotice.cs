using NodaTime;

namespace Workflow.Definitions.Intake;

/// <summary>
/// 一次性告知书: the single notice that lists EVERY missing or defective material with its reason, so the
/// applicant never has to come back for something that could have been said the first time.
/// </summary>
/// <param name="Items">Every material the applicant must supply, each with its matter and reason.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="IssuedBy">The clerk or reviewer.</param>
public sealed record OneTimeNotice(IReadOnlyList<NoticeItem> Items, Instant IssuedAt, string IssuedBy);

/// <summary>One line of a one-time notice.</summary>
public sealed record NoticeItem(string MatterCode, string MaterialCode, string MaterialName, string Reason);
