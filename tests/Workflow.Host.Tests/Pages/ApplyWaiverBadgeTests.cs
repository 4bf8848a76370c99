using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Testing;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// The apply form marks a waivable material 可容缺 only where the workflow its matter would start has an intake that can
/// waive it: the shipped construction-permit workflow can; bind the matter to a workflow whose intake cannot, and the
/// same material shows 须齐全.
/// </summary>
public sealed class ApplyWaiverBadgeTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task A_waivable_material_is_marked_from_the_intake_of_the_bound_workflow()
    {
        using var api = await host.AsUserAsync(Roles.Agent);
        using var page = await host.SignedInClientAsync(Roles.Agent);
        var path = $"/projects/{await api.CreateProjectAsync()}/apply/3";
        (await KindOfAsync(page, path, "ZJJ-001-FUNDS")).Should().Contain("可容缺").And.NotContain("须齐全");
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.SignedInClientAsync("frontdesk");
        async Task<string> IntakeKindAsync()
        {
            var filed = await api.ApplyAsync(await api.CreateProjectAsync(), Definitions.Catalogue.Stage.ConstructionPermit, ["ZJJ-001"]);
            var intake = await admin.OpenStepAsync(filed.Id(), "frontdesk");
            return KindCell(await frontdesk.GetStringAsync($"/steps/{intake.Id()}?culture=zh-CN"), "ZJJ-001-FUNDS");
        }
        (await IntakeKindAsync()).Should().Contain("可容缺");

        var id = "no-waiver-" + Guid.NewGuid().ToString("N")[..6];
        await host.Services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync(id, "不容缺的施工许可", null, SmallFlow.Json(id, ["ZJJ-001"]), publish: true);
        (await admin.PutAsJsonAsync("/api/bindings", new { stage = "ConstructionPermit", matter = "ZJJ-001", definitionId = id })).StatusCode.Should().Be(HttpStatusCode.OK);
        try
        {
            (await KindOfAsync(page, path, "ZJJ-001-FUNDS")).Should().Contain("须齐全").And.Contain("本阶段受理不容缺").And.NotContain("可容缺");
            (await KindOfAsync(page, path + "?culture=en", "ZJJ-001-FUNDS")).Should().Contain("Required").And.NotContain("Waivable");

            // Filed anyway, the window's intake step says the same.
            (await IntakeKindAsync()).Should().Contain("须齐全").And.NotContain("可容缺");
        }
        finally
        {
            (await admin.DeleteAsync("/api/bindings?stage=ConstructionPermit&matter=ZJJ-001")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        (await KindOfAsync(page, path + "?culture=zh-CN", "ZJJ-001-FUNDS")).Should().Contain("可容缺", "the stage's own workflow applies again");
    }

    /// <summary>The kind cell of <paramref name="material"/>'s row in the intake step's checklist.</summary>
    private static string KindCell(string html, string material)
    {
        var row = Regex.Match(html, $"""<tr[^>]*>((?:(?!</tr>).)*?id="tick-{material}"(?:(?!</tr>).)*)</tr>""", RegexOptions.Singleline);
        row.Success.Should().BeTrue($"the step's checklist has a row for {material}");
        return Regex.Match(row.Groups[1].Value, """<td class="kind">(.*?)</td>""", RegexOptions.Singleline).Groups[1].Value;
    }

    private static async Task<string> KindOfAsync(HttpClient page, string path, string material)
    {
        var html = await page.GetStringAsync(path);
        var row = Regex.Match(html, $"""<tr data-material="{material}">(.*?)</tr>""", RegexOptions.Singleline);
        row.Success.Should().BeTrue($"the checklist has a row for {material}");
        return Regex.Match(row.Groups[1].Value, """<td class="kind">(.*?)</td>""", RegexOptions.Singleline).Groups[1].Value;
    }
}
