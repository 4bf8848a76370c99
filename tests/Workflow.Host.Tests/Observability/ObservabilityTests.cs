using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Observability;

/// <summary>Correlation ids on every answer and problem; metrics at /metrics only when configured (docs/deployment.md, "Logs and metrics").</summary>
public sealed class CorrelationIdTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task A_callers_correlation_id_is_answered_and_named_in_the_problem()
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/departments");
        request.Headers.Add("X-Correlation-Id", "order-4711.retry-2");
        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("X-Correlation-Id").Should().Equal("order-4711.retry-2");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("correlationId").GetString().Should().Be("order-4711.retry-2");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("two words")]
    [InlineData("<script>")]
    public async Task Without_a_usable_id_the_host_makes_one_per_request(string? offered)
    {
        using var client = host.Anonymous();
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-route");
            if (offered is not null) request.Headers.TryAddWithoutValidation("X-Correlation-Id", offered);
            var response = await client.SendAsync(request);
            var id = response.Headers.GetValues("X-Correlation-Id").Single();
            id.Should().MatchRegex("^[0-9a-f]{32}$");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            problem.RootElement.GetProperty("correlationId").GetString().Should().Be(id);
            ids.Add(id);
        }
        ids.Distinct().Should().HaveCount(2);
    }

    [Fact]
    public async Task Metrics_are_off_by_default()
    {
        using var client = host.Anonymous();
        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

/// <summary>A host with <c>Telemetry:Prometheus=true</c>.</summary>
public sealed class PrometheusHost : HostFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" };
}

public sealed class MetricsTests(PrometheusHost host) : IClassFixture<PrometheusHost>
{
    [Fact]
    public async Task Actions_resumes_and_request_durations_are_served_in_the_prometheus_format()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var project = await agent.CreateProjectAsync();
        var caseId = (await agent.ApplyAsync(project, Stage.CompletionAcceptance)).Id();
        var intake = await admin.OpenStepAsync(caseId, "frontdesk");
        await frontdesk.ActAsync(intake.Id(), new { outcome = "Accepted" });

        using var scraper = host.Anonymous();
        var text = "";
        // The exporter collects on scrape, but the request-duration histogram is recorded as the previous answer ends.
        for (var attempt = 0; attempt < 20 && !text.Contains("http_server_request_duration_seconds_bucket"); attempt++)
        {
            var response = await scraper.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }
        Value(text, "workflow_step_actions_total", "outcome=\"Accepted\"").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "workflow_resumes_total", "").Should().BeGreaterThanOrEqualTo(1);
        text.Should().Contain("http_server_request_duration_seconds_bucket");
    }

    private static double Value(string exposition, string metric, string label)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(metric, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        line.Should().NotBeNull($"{metric} {label} is exported:\n{exposition[..Math.Min(3000, exposition.Length)]}");
        return double.Parse(Regex.Match(line!, @" ([0-9.eE+-]+)( [0-9]+)?$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
