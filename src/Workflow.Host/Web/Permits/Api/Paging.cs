using Workflow.Host.Web.Localization;
namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// The list parameters <c>?page=1&amp;pageSize=50</c>: 1-based page, page size 1–500, defaults 1 and 50.
/// Out-of-range values are validation errors naming <c>page</c> or <c>pageSize</c>, never silently clamped.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The last page number read: beyond it the offset would overflow.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>
    /// The page and page size to use, or the validation errors. Read from the query text here rather than bound as
    /// integers by the framework, so that <c>?page=abc</c> is an error naming <c>page</c>.
    /// </summary>
    public static (int Page, int PageSize, Dictionary<string, string[]>? Errors) Read(string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var p = Number(page, 1);
        var size = Number(pageSize, DefaultPageSize);
        if (p is not (>= 1 and <= MaxPage)) errors["page"] = [Ui.T($"page 须为 1 到 {MaxPage} 之间的整数", $"page is a whole number from 1 to {MaxPage}")];
        if (size is not (>= 1 and <= MaxPageSize)) errors["pageSize"] = [Ui.T($"pageSize 须为 1 到 {MaxPageSize} 之间的整数", $"pageSize is a whole number between 1 and {MaxPageSize}")];
        // A bad value is reported and replaced by the default, so that a page showing the errors still divides by a size.
        return (p is >= 1 and <= MaxPage ? p.Value : 1, size is >= 1 and <= MaxPageSize ? size.Value : DefaultPageSize, errors.Count > 0 ? errors : null);
    }

    private static int? Number(string? text, int fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
