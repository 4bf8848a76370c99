using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Steps;
using Workflow.Definitions.Workflows;
using Workflow.Engine.Persistence;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The public pages in Chromium without signing in (docs/public.md): the progress lookup by case number and query code,
/// and the certificate check showing a valid certificate, then the same certificate revoked. Screenshots for the README.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicBrowserTests(BrowserFixture browser)
{
    private T Desk<T>() where T : notnull => browser.Server.Services.GetRequiredService<T>();

    [ChromiumFact]
    public async Task Anyone_with_the_number_and_query_code_sees_the_progress()
    {
        var file = await FileAsync("滨江花园四期施工许可项目", ["ZJJ-003"]);
        file = await ActAsync(file.Steps.Single(s => s.Kind == StepKind.Intake).Id, "Accepted", "frontdesk");

        var page = await browser.NewPageAsync();
        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/lookup");
        await page.FillAsync("#case-number", file.CaseNumber!);
        await page.FillAsync("#query-code", file.QueryCode!.ToLowerInvariant());
        await page.ClickAsync("#lookup");
        await page.WaitForSelectorAsync("#progress");
        (await page.TextContentAsync("#progress-number")).Should().Be(file.CaseNumber);
        (await page.TextContentAsync("#progress-state")).Should().Be("审批中");
        (await page.TextContentAsync("#progress-matters tr[data-matter='ZJJ-003']")).Should().Contain("住房城乡建设").And.Contain("审查中");
        (await page.ContentAsync()).Should().NotContain("滨江花园四期").And.NotContain("agent1");
        await ShotAsync(page, "public-lookup");

        await page.FillAsync("#case-number", file.CaseNumber!);
        await page.FillAsync("#query-code", "ZZZZZZZZ");
        await page.ClickAsync("#lookup");
        await page.WaitForSelectorAsync("#lookup-not-found");
        (await page.QuerySelectorAsync("#progress")).Should().BeNull();
    }

    [ChromiumFact]
    public async Task The_verify_page_shows_a_valid_certificate_then_the_same_certificate_revoked()
    {
        // A designer's stage-3 flow that issues, re-checks and revokes on a failed re-check; the shipped one is put back after.
        var store = Desk<IWorkflowDefinitionStore>();
        const string stage3 = "stage-3-construction-permit";
        await store.SaveAsync(stage3, stage3, null, SmallFlow.IssueThenRevoke(stage3, "ZJJ-003"), publish: true);
        CaseFile file;
        try
        {
            file = await FileAsync("滨江花园五期施工许可项目", ["ZJJ-003"]);
        }
        finally
        {
            await store.SaveAsync(stage3, "施工许可", null, StageWorkflows.Json(stage3), publish: true);
        }
        file = await ActAsync(file.Steps.Single(s => s.Kind == StepKind.Intake).Id, "Accepted", "frontdesk");
        file = await ActAsync(file.Steps.Single(s => s.IsOpen).Id, "ApprovedWithConditions", "reviewer-zjj", conditions: ["施工期间设置连续封闭围挡"]);
        var code = file.Result!.VerificationCode!;

        var page = await browser.NewPageAsync();
        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/verify/{code}");
        (await page.GetAttributeAsync("#verify-status", "data-status")).Should().Be("Valid");
        (await page.TextContentAsync("#verify-status")).Should().Contain("有效");
        (await page.TextContentAsync("#verify-number")).Should().Be(file.Result.CertificateNumber);
        (await page.TextContentAsync("#verify-project")).Should().Be("滨江花园五期施工许可项目");
        await ShotAsync(page, "public-verify");

        file = await ActAsync(file.Steps.Single(s => s.IsOpen).Id, "Rejected", "reviewer-zjj", opinion: "承诺事项未履行");
        file.State.Should().Be(CaseState.Revoked);
        await page.ReloadAsync();
        (await page.GetAttributeAsync("#verify-status", "data-status")).Should().Be("Revoked");
        (await page.TextContentAsync("#verify-status")).Should().Contain("已撤销").And.Contain(file.Result!.CertificateNumber);
        await ShotAsync(page, "public-verify-revoked");
    }

    private async Task<CaseFile> FileAsync(string name, IReadOnlyList<string> matters)
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PV-" + Guid.NewGuid().ToString("N")[..8], name, "滨江城建投资有限公司",
            ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1");
        var materials = MatterCatalogue.Sample.MattersOf(Stage.ConstructionPermit).Where(m => matters.Contains(m.Code)).SelectMany(m => m.Materials).Select(m => m.Code).Distinct().ToArray();
        return await Desk<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, matters, materials));
    }

    private async Task<CaseFile> ActAsync(string stepId, string outcome, string actor, string? opinion = null, IReadOnlyList<string>? conditions = null) =>
        (await Desk<StepDesk>().ActAsync(stepId, new StepAction(StepAction.ActionEvent, outcome, opinion, conditions ?? [], [], actor, false, null), null, null)).File;

    private static Task ShotAsync(IPage page, string name) => PageShots.SaveAsync(page, name);
}
