namespace Workflow.Definitions.Catalogue;

/// <summary>A matter catalogue failed validation; <see cref="Problems"/> lists every fault found, each naming its source and the matter.</summary>
public sealed class CatalogueException(string source, IReadOnlyList<string> problems)
    : Exception($"The matter catalogue '{source}' is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    /// <summary>The source name given to <see cref="MatterCatalogue.Load"/> (a file path, or the embedded sample's), for the message.</summary>
    public string CatalogueSource { get; } = source;
    /// <summary>Every fault found, each naming the matter or department at fault: all are collected before the load fails.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
