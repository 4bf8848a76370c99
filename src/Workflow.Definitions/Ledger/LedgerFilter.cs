using NodaTime;

namespace Workflow.Definitions.Ledger;

/// <summary>
/// Which cases and steps the ledger (台账) lists (docs/supervision.md, "Ledger export"): cases filed and steps opened in
/// [<paramref name="From"/>, <paramref name="To"/>), optionally only one department's steps and the cases that have one.
/// </summary>
public sealed record LedgerFilter(Instant? From = null, Instant? To = null, string? Department = null);
