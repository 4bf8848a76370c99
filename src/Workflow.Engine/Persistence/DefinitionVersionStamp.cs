namespace Workflow.Engine.Persistence;

/// <summary>
/// Which stored version a selector picks, without its JSON, name and description: what a start needs when the parse of
/// that version is kept (<see cref="Runtime.ParsedDefinitionCache"/>, by <paramref name="Id"/> and <paramref name="RowVersion"/>).
/// </summary>
/// <param name="Id">The version id (Elsa's <c>id</c>).</param>
/// <param name="DefinitionId">The definition id.</param>
/// <param name="Version">The version number.</param>
/// <param name="IsPublished">Whether this version is the published one.</param>
/// <param name="RowVersion">The row version, changed by every write of this version on any host.</param>
public sealed record DefinitionVersionStamp(string Id, string DefinitionId, int Version, bool IsPublished, long RowVersion)
{
    /// <summary>The stamp of <paramref name="stored"/>.</summary>
    public static DefinitionVersionStamp Of(StoredDefinition stored) => new(stored.Id, stored.DefinitionId, stored.Version, stored.IsPublished, stored.RowVersion);
}
