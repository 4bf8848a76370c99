using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Web.Tracking;

/// <summary>One cell of the project tracker: a matter, how it stands, who holds it, its clocks and what the applicant still owes.</summary>
/// <param name="Matter">The catalogue matter.</param>
/// <param name="State">The cell's state (its colour).</param>
/// <param name="CaseId">The latest case that applied for it, if any.</param>
/// <param name="Departments">Names of the departments holding it now (empty when nobody does).</param>
/// <param name="Clocks">The open step's clocks, else the case's; null before acceptance.</param>
/// <param name="Missing">What is missing: notice items, supplement requests, open commitments, each as a line.</param>
/// <param name="Outcome">The outcome of the matter's step once its department has acted (e.g. <c>Agree</c>), while the case goes on.</param>
public sealed record MatterCell(Matter Matter, CellState State, string? CaseId, IReadOnlyList<string> Departments, ClocksView? Clocks, IReadOnlyList<string> Missing, string? Outcome = null)
{
    /// <summary>The CSS class of the state, e.g. <c>cell-overdue</c>.</summary>
    public string CssClass => "cell-" + State.ToString().ToLowerInvariant();
}
