using System.Net;
using System.Text.Json;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Public;

/// <summary>
/// A host for the public lookup and certificate tests: agent1's stage-3 case accepted and in review (<see cref="InReview"/>),
/// and another stage-3 case of agent1 driven to its issued approval (<see cref="Issued"/>). The public rate limit is high
/// here (the rate itself is tested on a host of its own).
/// </summary>
public sealed class PublicHost : HostFactory, IAsyncLifetime
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["PublicLookup:PermitPerMinute"] = "10000" };

    /// <summary>The case in review, as the admin's API shows it.</summary>
    public JsonElement InReview { get; private set; }
    /// <summary>The issued case, as the admin's API shows it.</summary>
    public JsonElement Issued { get; private set; }

    public async Task InitializeAsync()
    {
        using var agent = await AsUserAsync("agent1");
        using var frontdesk = await AsUserAsync("frontdesk");
        using var admin = await AsUserAsync("admin");
        var first = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "滨江花园一期"), Stage.ConstructionPermit)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(first, "frontdesk")).Id(), new { outcome = "Accepted" });
        InReview = await admin.GetJsonAsync($"/api/cases/{first}");

        var second = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "滨江花园二期"), Stage.ConstructionPermit)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(second, "frontdesk")).Id(), new { outcome = "Accepted" });
        await ApproveEveryOpenStepAsync(admin, second);
        Issued = await admin.GetJsonAsync($"/api/cases/{second}");
        Issued.GetProperty("state").GetString().Should().Be("Issued");
    }

    /// <summary>Each open step approved by a reviewer of its department, until none is left (parallel review, then ZJJ-001).</summary>
    public async Task ApproveEveryOpenStepAsync(HttpClient admin, string caseId)
    {
        for (var round = 0; round < 4; round++)
        {
            var open = (await admin.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("openSteps").EnumerateArray().ToList();
            foreach (var step in open)
            {
                using var reviewer = await AsUserAsync("reviewer-" + step.GetProperty("department").GetString());
                await reviewer.ActAsync(step.Id(), new { outcome = "Approved" });
            }
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>A host whose public rate limit is 3 requests a minute.</summary>
public sealed class ThreePerMinuteHost : HostFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["PublicLookup:PermitPerMinute"] = "3" };
}
