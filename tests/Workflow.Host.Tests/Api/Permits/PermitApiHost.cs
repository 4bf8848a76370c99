using System.Net;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// A host with a stage-4 case (completion acceptance: a joint review led by zjj with yjgl, rf, zrzy, qx and sw)
/// filed by agent1 and accepted at the front desk, and a second case of agent1 still at intake; fgw takes part in neither.
/// </summary>
public sealed class PermitApiHost : HostFactory, IAsyncLifetime
{
    public string ProjectId { get; private set; } = "";
    public string AcceptedCaseId { get; private set; } = "";
    public string IntakeCaseId { get; private set; } = "";
    public string IntakeStepId { get; private set; } = "";
    /// <summary>The lead's consolidation step (zjj) of the accepted case.</summary>
    public string ConsolidationStepId { get; private set; } = "";
    /// <summary>The rf opinion step of the accepted case.</summary>
    public string OpinionStepId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var agent = await AsUserAsync("agent1");
        using var frontdesk = await AsUserAsync("frontdesk");
        using var admin = await AsUserAsync("admin");
        ProjectId = await agent.CreateProjectAsync();
        AcceptedCaseId = (await agent.ApplyAsync(ProjectId, Stage.CompletionAcceptance)).Id();
        var intake = await admin.OpenStepAsync(AcceptedCaseId, "frontdesk");
        await frontdesk.ActAsync(intake.Id(), new { outcome = "Accepted" });
        ConsolidationStepId = (await admin.OpenStepAsync(AcceptedCaseId, "zjj", "JointConsolidation")).Id();
        OpinionStepId = (await admin.OpenStepAsync(AcceptedCaseId, "rf", "JointOpinion")).Id();

        var second = await agent.CreateProjectAsync();
        IntakeCaseId = (await agent.ApplyAsync(second, Stage.ConstructionPermit)).Id();
        IntakeStepId = (await admin.OpenStepAsync(IntakeCaseId, "frontdesk")).Id();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new();

    /// <summary>A client for <paramref name="userName"/> (null: anonymous), its token signed in once per host.</summary>
    public async Task<HttpClient> ClientAsync(string? userName)
    {
        var client = Anonymous();
        if (userName is null) return client;
        if (!_tokens.TryGetValue(userName, out var token)) _tokens[userName] = token = await TokenAsync(userName);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
