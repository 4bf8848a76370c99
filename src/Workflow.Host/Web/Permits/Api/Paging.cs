namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// The list parameters <c>?page=1&amp;pageSize=50</c>: 1-based page, page size 1–500, defaults 1 and 50.
/// Out-of-range values are validation errors naming <c>page</c> or <c>pageSize</c>, never silently clamped.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The page and page size to use, or the validation errors.</summary>
    public static (int Page, int PageSize, Dictionary<string, string[]>? Errors) Read(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["page is 1-based: 1 or more"];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is between 1 and {MaxPageSize}"];
        return (page ?? 1, pageSize ?? DefaultPageSize, errors.Count > 0 ? errors : null);
    }
}
