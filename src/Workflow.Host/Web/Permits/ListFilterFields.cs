using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Web.Permits;

/// <summary>
/// The filter inputs every list page shares (<c>Pages/Shared/_ListFilterFields.cshtml</c>): search, stage, deadline level,
/// green channel and order, with their errors; the page's form adds its own (tabs, dates, the period).
/// </summary>
/// <param name="Parameters">The list's parameters as read.</param>
/// <param name="Errors">The parameters' errors, by parameter.</param>
/// <param name="Catalogue">For the stages' names.</param>
/// <param name="DueOrder">How the default order (<c>sort=due</c>) reads on this list.</param>
/// <param name="OpenSteps">
/// A list of open steps (inboxes, the intake queue, supervision): it also offers the step's state (open, waiting for a
/// supplement) and the warning level, which only an open step row carries.
/// </param>
public sealed record ListFilterFields(ListParameters Parameters, IReadOnlyDictionary<string, string[]> Errors, MatterCatalogue Catalogue, string DueOrder, bool OpenSteps = false);
