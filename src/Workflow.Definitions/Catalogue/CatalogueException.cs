namespace Workflow.Definitions.Catalogue;

/// <summary>A matter catalogue failed validation; <see cref="Problems"/> lists every fault found, each naming its source and the matter.</summary>
public sealed class CatalogueException(string source, IReadOnlyList<string> problems)
    : Exception($"The matter catalogue '{source}' is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public string CatalogueSource { get; } = source;
    public IReadOnlyList<string> Problems { get; } = problems;
}
