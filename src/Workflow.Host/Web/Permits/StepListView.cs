using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.Permits;

/// <summary>
/// What the step-list pages (the intake window and the inbox) share: the list parameters read from the query
/// (<see cref="ListParameters"/>, as in the API), the open or handled (已办) page, the pager. Bad parameters are shown
/// next to the filter form with status 400.
/// </summary>
public sealed class StepListView : IListPager
{
    public const int PageSize = 50;

    public required ListParameters Parameters { get; init; }
    public required IReadOnlyDictionary<string, string[]> Errors { get; init; }
    public required bool Handled { get; init; }
    public required string Path { get; init; }
    public required string QueryWithoutPage { get; init; }
    public required MatterCatalogue Catalogue { get; init; }
    public IReadOnlyList<InboxEntry> Items { get; private set; } = [];
    public int TotalCount { get; private set; }
    public int CurrentPage => Parameters.Page;
    public int Pages => Parameters.PagesFor(TotalCount);

    /// <summary>Reads the parameters (the page size defaults to <see cref="PageSize"/>); <c>?view=handled</c> selects the handled list.</summary>
    public static StepListView Read(HttpRequest request, MatterCatalogue catalogue, JurisdictionOptions jurisdiction)
    {
        var (parameters, errors) = ListParameters.Read(request.Query, catalogue, jurisdiction.Zone);
        if (!request.Query.ContainsKey("pageSize")) parameters = parameters with { PageSize = PageSize };
        var handled = request.Query["view"] == "handled";
        if (handled && ListParameters.WarningOnHandled(parameters) is { } warning) errors = new(errors.Concat(warning));
        return new StepListView
        {
            Parameters = parameters, Errors = errors, Handled = handled, Path = request.Path,
            QueryWithoutPage = ListParameters.QueryWithout(request.Query, "page"), Catalogue = catalogue,
        };
    }

    /// <summary>Loads the page of <paramref name="department"/>'s open or handled steps (nothing when the parameters are bad).</summary>
    public async Task LoadAsync(InboxQueries inboxes, string? department, CancellationToken ct)
    {
        if (Errors.Count > 0) return;
        var page = Handled
            ? await inboxes.HandledAsync(department, Parameters.Filter, Parameters.Page, Parameters.PageSize, ct)
            : await inboxes.PageAsync(department, Parameters.Filter, Parameters.Page, Parameters.PageSize, ct);
        (Items, TotalCount) = (page.Items, page.TotalCount);
    }

    /// <summary>The link to page <paramref name="page"/> with the same parameters.</summary>
    public string PageLink(int page) => $"{Path}?{(QueryWithoutPage.Length > 0 ? QueryWithoutPage + "&" : "")}page={page}";
}
