using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Tracking;

/// <summary>How a list is ordered (docs/api.md, *Lists*).</summary>
public enum ListSort
{
    /// <summary>Green channel first, then the earliest promised due (undated by age); handled lists: the latest decision first.</summary>
    Due,
    /// <summary>The newest first (filed, or decided for handled lists).</summary>
    Newest,
    /// <summary>The oldest first.</summary>
    Oldest,
}

/// <summary>
/// What a list of steps or cases is narrowed to; null parts do not filter. The same parameters in the API and the
/// pages (docs/api.md, *Lists*).
/// </summary>
/// <param name="Search">Part of the case id or number, the project code or name, the enterprise, or a matter's code or name.</param>
/// <param name="State">A step state (step lists) or case state (case lists), by name.</param>
/// <param name="Stage">Only cases of this stage.</param>
/// <param name="Department">Only this department's steps (for a case list: cases with a step there).</param>
/// <param name="Level">
/// Only steps (or cases) at this deadline level; <see cref="DeadlineLevel.Overdue"/> is read from the stored due instants,
/// <see cref="DeadlineLevel.Warning"/> (in warning, not yet overdue) from an open step row's warning instant (open-step lists only).
/// </param>
/// <param name="GreenChannel">Only key projects (true) or only the others (false).</param>
/// <param name="From">Filed (handled lists: decided) at or after this instant.</param>
/// <param name="To">Filed (handled lists: decided) before this instant.</param>
/// <param name="Sort">The order.</param>
public sealed record StepListFilter(
    string? Search = null,
    string? State = null,
    Stage? Stage = null,
    string? Department = null,
    DeadlineLevel? Level = null,
    bool? GreenChannel = null,
    Instant? From = null,
    Instant? To = null,
    ListSort Sort = ListSort.Due)
{
    /// <summary>No filter: every item, in the default order.</summary>
    public static readonly StepListFilter None = new();

    /// <summary>The trimmed search text, or null for none.</summary>
    public string? SearchText => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();

    /// <summary>The codes of the matters whose Chinese or English name contains the search text (names are not stored in the rows).</summary>
    public IReadOnlyList<string> MatterCodes(MatterCatalogue catalogue) => SearchText is not { } text
        ? []
        : catalogue.Matters.Where(m => m.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
            || m.EnglishName?.Contains(text, StringComparison.OrdinalIgnoreCase) == true).Select(m => m.Code).ToList();
}
