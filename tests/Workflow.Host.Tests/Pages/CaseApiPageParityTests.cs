using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Steps;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// One case read through the API (<c>GET /api/cases/{id}</c>) and through its page (<c>/cases/{id}</c>) at one instant
/// (the fake clock stands still between the two): the same state, the same remaining working days on every clock, and
/// every timeline line the page shows is a line of the API's timeline, in the same order.
/// </summary>
public sealed class CaseApiPageParityTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_api_and_the_page_show_the_same_clocks_timeline_and_states()
    {
                var project = await host.Services.GetRequiredService<ProjectRegistry>().CreateProjectAsync(new NewProject("PP-" + Guid.NewGuid().ToString("N")[..8], "对照测试项目", "测试单位",
            ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1");
        var materials = MatterCatalogue.Sample.MattersOf(Stage.ConstructionPermit).SelectMany(m => m.Materials).Select(m => m.Code).Distinct().ToList();
        var file = await host.Services.GetRequiredService<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, null, materials));
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        (file, _, _) = await host.Services.GetRequiredService<StepDesk>().ActAsync(intake.Id, new StepAction(StepAction.ActionEvent, "Accepted", null, [], [], "frontdesk", false, null), null, null);
        host.Clock.Advance(Duration.FromHours(75)); // Monday 13:00 Shanghai: time has passed on every clock
        var scjg = file.Steps.Single(s => s.Department == "scjg" && s.IsOpen);
        await host.Services.GetRequiredService<StepDesk>().ActAsync(scjg.Id, new StepAction(StepAction.ActionEvent, "SupplementRequested", "请补正", [],
            [new MaterialDefect(file.Materials.First(m => m.MatterCode.StartsWith("SCJG", StringComparison.Ordinal)).Code, "缺页")], "reviewer-scjg", false, null), null, null);

        using var api = await host.AsUserAsync("agent1");
        using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/cases/{file.CaseId}"));
        using var browser = await host.SignedInClientAsync("agent1");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/cases/{file.CaseId}"));
        var root = json.RootElement;

        root.GetProperty("state").GetString().Should().Be("InReview");
        page.Should().Contain("id=\"case-state\">审批中<");

        var caseClocks = root.GetProperty("clocks");
        var deadlines = Section(page, "办件时限", "办理环节");
        foreach (var name in new[] { "statutory", "promised" })
            deadlines.Should().Contain(caseClocks.GetProperty(name).GetProperty("remainingText").GetString()!, $"the case's {name} clock");
        foreach (var step in root.GetProperty("openSteps").EnumerateArray())
        {
            var row = Section(page, $"<tr data-step=\"{step.GetProperty("id").GetString()}\"", "</tr>");
            row.Should().Contain($"data-state=\"{step.GetProperty("state").GetString()}\"");
            var clocks = step.GetProperty("clocks");
            if (clocks.ValueKind == JsonValueKind.Null) continue;
            row.Should().Contain(clocks.GetProperty("statutory").GetProperty("remainingText").GetString()!);
            row.Should().Contain(clocks.GetProperty("promised").GetProperty("remainingText").GetString()!);
        }
        root.GetProperty("openSteps").EnumerateArray().Should().Contain(s => s.GetProperty("state").GetString() == "WaitingForSupplement"
            && s.GetProperty("clocks").GetProperty("suspended").GetBoolean());

        var timeline = Section(page, "id=\"timeline\"", "</ol>");
        var apiLines = root.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("source").GetString() == "case" || e.GetProperty("activityType").GetString()!.StartsWith("Permits.", StringComparison.Ordinal))
            .Select(e => e.GetProperty("text").GetString()!).ToList();
        apiLines.Should().Contain(l => l.Contains("要求补正", StringComparison.Ordinal), "the API words its timeline in the request's language, Chinese by default");
        var pageLines = timeline.Split("<div class=\"detail\">").Skip(1).Select(l => l[..l.IndexOf("</div>", StringComparison.Ordinal)]).ToList();
        pageLines.Should().Equal(apiLines, "the page shows the API's timeline lines, in the same order");
    }

    private static string Section(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, $"the page has {from}");
        var end = html.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}
