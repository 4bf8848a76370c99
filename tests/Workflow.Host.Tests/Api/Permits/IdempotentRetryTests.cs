using System.Net;
using System.Net.Http.Json;
using Workflow.Definitions.Catalogue;
using Workflow.Testing;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// docs/api.md, "Steps and actions" (Idempotency-Key), under load: identical retries (same user, key and body) racing each other all get the first answer.
/// The probe of issue #15 saw 6 of 540 answered 409 "acted on by someone else first": a retry that found the bookmark
/// consumed (or lost the row-version race) before it could see the first request's key. On SQLite the writes queue and
/// the window rarely opens; on PostgreSQL this test failed every time before the fix.
/// </summary>
public sealed class IdempotentRetryTests
{
    private sealed class ProviderHost(string provider) : HostFactory
    {
        public override bool OnPostgreSql => provider == "postgresql";
    }

    [Theory]
    [MemberData(nameof(LocalPostgreSql.Providers), MemberType = typeof(LocalPostgreSql))]
    public async Task Fifty_concurrent_identical_retries_with_one_key_all_get_the_first_answer(string provider)
    {
        await using var host = new ProviderHost(provider);
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        var stepId = (await admin.OpenStepAsync(caseId, "frontdesk")).Id();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/steps/{stepId}/actions") { Content = JsonContent.Create(new { outcome = "Accepted" }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await frontdesk.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK, string.Join("\n", answers.Where(a => a.StatusCode != HttpStatusCode.OK).Select(a => a.Body)));
        answers.Select(a => a.Body).Distinct().Should().ContainSingle("every retry gets the first answer");
        answers.Count(a => !a.Replayed).Should().Be(1, "one request acted, the others were replayed");
        var file = await admin.GetJsonAsync($"/api/cases/{caseId}");
        file.GetProperty("timeline").EnumerateArray().Count(t => t.Text("event") == "StepCompleted").Should().Be(1, "applied once");
    }
}
