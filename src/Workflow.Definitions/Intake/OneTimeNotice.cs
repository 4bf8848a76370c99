using NodaTime;

namespace Workflow.Definitions.Intake;

/// <summary>
/// 一次性告知书: the single notice that lists EVERY missing or defective material with its reason, so the
/// applicant never has to come back for something that could have been said the first time.
/// </summary>
/// <param name="Items">Every material the applicant must supply, each with its matter and reason.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="IssuedBy">The clerk or reviewer.</param>
/// <param name="Issuer">Who issued it: <c>frontdesk</c> (the window) or the reviewing department's code; null in case files older than repeated-return tracking.</param>
/// <param name="StepId">The intake or review step it was issued on.</param>
/// <param name="PresentAtNotice">The codes of the materials in the file when it was issued: those it did not name were
/// left unchallenged, and asking the same issuer for them later is a repeated return (docs/supervision.md, Repeated returns).</param>
public sealed record OneTimeNotice(IReadOnlyList<NoticeItem> Items, Instant IssuedAt, string IssuedBy,
    string? Issuer = null, string? StepId = null, IReadOnlyList<string>? PresentAtNotice = null);

/// <summary>One line of a one-time notice.</summary>
public sealed record NoticeItem(string MatterCode, string MaterialCode, string MaterialName, string Reason);
