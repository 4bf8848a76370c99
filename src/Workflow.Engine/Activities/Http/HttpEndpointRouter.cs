using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// Routes an inbound request to workflows, as Elsa's HTTP middleware does: every instance waiting in an Elsa.HttpEndpoint
/// whose path and methods match is resumed; if none waits, every published definition with a matching endpoint that may
/// start it (<c>canStartWorkflow</c>) is started. The response is the last one Elsa.WriteHttpResponse wrote
/// (docs/http-workflows.md).
/// </summary>
public sealed class HttpEndpointRouter(IWorkflowInstanceStore instances, IWorkflowDefinitionStore definitions, WorkflowRuntime runtime)
{
    /// <summary>What a request did: the instances it started or resumed (none = no workflow answers this path).</summary>
    public sealed record Outcome(IReadOnlyList<string> InstanceIds, HttpWorkflowResponse? Response);

    /// <summary>Resumes the instances waiting for <paramref name="request"/>, or else starts the definitions it triggers; none touched means no workflow answers it.</summary>
    public async Task<Outcome> HandleAsync(HttpWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        using var scope = HttpWorkflowRequest.Enter(request);
        var touched = new List<string>();
        foreach (var (instanceId, bookmark) in await instances.FindBookmarksAsync(new BookmarkFilter(Kind: HttpEndpoint.BookmarkKind), cancellationToken))
        {
            if (!Matches(bookmark, request)) continue;
            request.Taken = false;
            try
            {
                await runtime.ResumeAsync(instanceId, bookmark.Id, null, null, cancellationToken);
                touched.Add(instanceId);
            }
            catch (WorkflowRuntimeException)
            {
                // Taken by a concurrent request first.
            }
        }
        if (touched.Count > 0) return new Outcome(touched, request.Response);

        var (latest, _) = await definitions.ListLatestAsync(null, 0, 10_000, cancellationToken);
        foreach (var definitionId in latest.Select(d => d.DefinitionId).Distinct())
        {
            var published = await definitions.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken);
            if (published is null || WorkflowDefinitionReader.Read(published.Json).Definition is not { } definition || !Triggers(definition, request)) continue;
            request.Taken = false;
            touched.Add((await runtime.StartAsync(definitionId, VersionSelector.Published, new StartWorkflowOptions(), cancellationToken)).Instance.Id);
        }
        return new Outcome(touched, request.Response);
    }

    private static bool Matches(Bookmark bookmark, HttpWorkflowRequest request) =>
        (string?)bookmark.Payload?["path"] is { } path && HttpRoute.Match(path, request.Path) is not null
        && (bookmark.Payload?["methods"]?.AsArray().Any(m => string.Equals((string?)m, request.Method, StringComparison.OrdinalIgnoreCase)) ?? false);

    /// <summary>Whether a root-level Elsa.HttpEndpoint that may start the workflow takes this request (its inputs must be literals).</summary>
    private static bool Triggers(WorkflowDefinition definition, HttpWorkflowRequest request) =>
        definition.Root.Activities.Any(a => a.Type == "Elsa.HttpEndpoint" && a.CanStartWorkflow
            && HttpRoute.Match(Literal(a, "path") ?? "", request.Path) is not null
            && Methods(a).Contains(request.Method, StringComparer.OrdinalIgnoreCase));

    private static string? Literal(ActivityNode node, string name) =>
        node.GetInput(name)?.Value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string[] Methods(ActivityNode node)
    {
        var raw = node.GetInput("supportedMethods")?.Value;
        if (raw is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text))
        {
            try { raw = System.Text.Json.Nodes.JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { return [text]; }
        }
        return raw is System.Text.Json.Nodes.JsonArray a && a.Count > 0 ? [.. a.Select(x => x?.ToString() ?? "")] : ["GET"];
    }
}
