using System.Text.Json;
using Workflow.Definitions.Cases;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// What the applicant owes (<see cref="CaseFile.Owed"/>) as one JSON text column of the projection, written like the case
/// file itself (camelCase, enums and instants as text), so that the project tracker reads it from the row.
/// </summary>
internal static class StoredOwed
{
    public static string Encode(IReadOnlyList<OwedMaterial> owed) => JsonSerializer.Serialize(owed, CaseFileJson.Options);

    public static IReadOnlyList<OwedMaterial> Decode(string text) =>
        text.Length == 0 ? [] : JsonSerializer.Deserialize<List<OwedMaterial>>(text, CaseFileJson.Options) ?? [];
}

/// <summary>The workflow a case runs (<see cref="CaseFile.Workflow"/>) as one JSON text column of the projection; null before bindings.</summary>
internal static class StoredWorkflow
{
    public static string? Encode(CaseWorkflow? workflow) => workflow is null ? null : JsonSerializer.Serialize(workflow, CaseFileJson.Options);

    public static CaseWorkflow? Decode(string? text) => string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<CaseWorkflow>(text, CaseFileJson.Options);
}
