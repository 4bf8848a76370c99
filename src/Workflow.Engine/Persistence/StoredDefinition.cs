using NodaTime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// One stored version of a definition, as Elsa keeps them: <see cref="Id"/> names this version,
/// <see cref="DefinitionId"/> all versions of one workflow. At most one version per definition is
/// latest and at most one is published (they may be the same).
/// </summary>
public sealed record StoredDefinition(
    string Id,
    string DefinitionId,
    int Version,
    string Name,
    string? Description,
    bool IsLatest,
    bool IsPublished,
    string Json,
    Instant CreatedAt,
    long RowVersion = 0);
