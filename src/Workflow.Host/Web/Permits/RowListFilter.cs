using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Web.Permits;

/// <summary>
/// The filter form of the lists of rows about a case — complaints, urging notices — (<c>Pages/Shared/_RowListFilter.cshtml</c>):
/// search, the list's own states, department, dates and order, with the API's parameter names (docs/api.md, *Lists*).
/// </summary>
/// <param name="Parameters">The list's parameters as read.</param>
/// <param name="Errors">The parameters' errors, by parameter.</param>
/// <param name="Catalogue">For the departments' names.</param>
/// <param name="States">The list's states: the value and its label in the page's language.</param>
/// <param name="SearchHint">What the search finds, in the page's language.</param>
/// <param name="DueOrder">How the default order (<c>sort=due</c>) reads on this list.</param>
/// <param name="Departments">Whether the department filter is offered (not to a reviewer, who sees their own only).</param>
/// <param name="Kinds">The list's kinds (<c>kind</c>: the notifications'), the value and its label; null when the list has none.</param>
/// <param name="Kind">The kind chosen.</param>
public sealed record RowListFilter(ListParameters Parameters, IReadOnlyDictionary<string, string[]> Errors, MatterCatalogue Catalogue,
    IReadOnlyList<(string Value, string Label)> States, string SearchHint, string DueOrder, bool Departments,
    IReadOnlyList<(string Value, string Label)>? Kinds = null, string? Kind = null);
