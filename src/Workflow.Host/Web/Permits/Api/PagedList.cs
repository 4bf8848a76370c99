namespace Workflow.Host.Web.Permits.Api;

/// <summary>A page of a long list (docs/api.md): <c>{items, totalCount, page, pageSize}</c>, pages 1-based.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);
