namespace Workflow.Definitions.Tracking;

/// <summary>One page of a list and how many items match the filter in all (every page); the API answers it as
/// <c>{items, totalCount, page, pageSize}</c> (docs/api.md, *Lists*).</summary>
/// <param name="Items">The page's items, in the list's order.</param>
/// <param name="TotalCount">How many items match the filter.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>A row of a list with the number people read of its case (docs/domain.md, *Case numbers*).</summary>
/// <param name="Row">The row.</param>
/// <param name="CaseNumber">The case's number; null for a case filed before numbers until its row is numbered.</param>
public sealed record WithCaseNumber<T>(T Row, string? CaseNumber);
