using System.Text.Json.Nodes;
using Workflow.Engine.Persistence;

namespace Workflow.Definitions.Workflows;

/// <summary>The four stage workflows shipped as Elsa 3 JSON (embedded resources; sample data).</summary>
public static class StageWorkflows
{
    private const string Prefix = "Workflow.Definitions.Workflows.";

    /// <summary>The definition ids, in stage order.</summary>
    public static IReadOnlyList<string> DefinitionIds { get; } =
        ["stage-1-project-approval", "stage-2-engineering-permit", "stage-3-construction-permit", "stage-4-completion-acceptance"];

    /// <summary>The shipped JSON of one stage workflow.</summary>
    public static string Json(string definitionId)
    {
        using var stream = typeof(StageWorkflows).Assembly.GetManifestResourceStream(Prefix + definitionId + ".json")
            ?? throw new ArgumentException($"No stage workflow '{definitionId}'. Known: {string.Join(", ", DefinitionIds)}.", nameof(definitionId));
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// Publishes every stage workflow the store does not hold yet. A definition a designer already changed is left
    /// alone: start-up never overwrites the Studio's work.
    /// </summary>
    /// <returns>The definition ids it published.</returns>
    public static async Task<IReadOnlyList<string>> EnsurePublishedAsync(IWorkflowDefinitionStore store, CancellationToken cancellationToken = default)
    {
        var published = new List<string>();
        foreach (var id in DefinitionIds)
        {
            if (await store.FindAsync(id, VersionSelector.LatestOrPublished, null, cancellationToken) is not null) continue;
            var json = Json(id);
            var doc = JsonNode.Parse(json)!.AsObject();
            await store.SaveAsync(id, (string?)doc["name"] ?? id, (string?)doc["description"], json, publish: true, cancellationToken);
            published.Add(id);
        }
        return published;
    }
}
