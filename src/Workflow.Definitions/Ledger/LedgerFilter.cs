using NodaTime;
using Workflow.Definitions.Tracking;

namespace Workflow.Definitions.Ledger;

/// <summary>
/// Which cases and steps the ledger (台账) lists (docs/ledger-and-feeds.md, "Ledger export"): cases filed and steps opened in
/// [<paramref name="From"/>, <paramref name="To"/>), optionally only one department's steps and the cases that have one.
/// </summary>
public sealed record LedgerFilter(Instant? From = null, Instant? To = null, string? Department = null)
{
    /// <summary>
    /// The supervision lists' narrowing of the cases (docs/api.md, *Lists*): the search (<see cref="CaseSearch"/>), the case
    /// state, the stage, the green channel; both sheets keep only the steps of those cases. Null: every case.
    /// </summary>
    public StepListFilter? Cases { get; init; }
}
