namespace Workflow.Engine.Persistence;
/// <summary>Something that depends on a workflow definition (live instances, a catalogue binding…); consulted before a definition or version is deleted or retracted.</summary>
public interface IDefinitionDependents
{
    /// <param name="definitionId">The definition about to be deleted or retracted.</param>
    /// <param name="version">One version, or null for every version of the definition.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    Task<IReadOnlyList<DefinitionDependent>> FindAsync(string definitionId, int? version, CancellationToken cancellationToken);
}
