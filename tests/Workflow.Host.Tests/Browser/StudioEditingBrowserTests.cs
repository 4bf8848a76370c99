using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Projects;
using Workflow.Testing;
using Xunit.Abstractions;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Steps;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// A designer changes a seeded stage workflow in the real Studio and the engine runs what was published (issue 6,
/// docs/studio.md). Selectors are the Studio's own DOM (MudBlazor), as observed and written up in docs/studio.md.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioEditingBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Stage3 = "stage-3-construction-permit";

    /// <summary>施工许可审查: the stage-3 <c>Permits.DepartmentReview</c> of matter ZJJ-001.</summary>
    private const string Stage3Review = "c0c2b506bec28137";

    /// <summary>The Studio's publish button: the cloud-upload icon of the toolbar's split button (its tooltip says "Publish workflow").</summary>
    private const string PublishButton = ".mud-button-group-root button:has(svg path[d^='M19.35 10.04'])";

    /// <summary>The toolbar's first button, "zoom to fit" (the fit-screen icon).</summary>
    private const string ZoomToFitButton = "[role=toolbar] button:has(svg path[d^='M6,16h12V8H6V16z'])";

    private static readonly string[] PermitActivities =
        ["Intake", "DepartmentReview", "ParallelReview", "JointReview", "JointSiteInspection", "AwaitCommitments", "SpecialProcedure", "IssueResult"];

    private static readonly string[] StageThreePrerequisites = ["ZRZY-001", "ZRZY-002", "ZRZY-003", "QX-001"];

    [ChromiumFact]
    public async Task A_designer_changes_a_department_review_in_the_studio_publishes_and_only_new_cases_run_the_new_version()
    {
        using var api = await ApiAsync(Roles.Designer);
        var before = await GetJsonAsync(api, $"/elsa/api/workflow-definitions/by-definition-id/{Stage3}?versionOptions=Published");
        var oldVersion = before["version"]!.GetValue<int>();
        var activityIds = ActivityIds(before);
        var review = Activity(before, Stage3Review);
        review["type"]!.GetValue<string>().Should().Be("Permits.DepartmentReview");
        var newPost = "科长审核-" + Guid.NewGuid().ToString("N")[..6];

        var permits = browser.Server.Services;
        var earlier = await ApplyForStageThreeAsync(permits);
        (await InstanceVersionAsync(permits, earlier.CaseId)).Should().Be(oldVersion);

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);
        await OpenEditorAsync(page, Stage3);
        (await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync()).Should().Be(activityIds.Count, "every node of the stage workflow is drawn");
        await ShouldBeEditableWithoutBannersAsync(page);

        await page.Locator(".x6-node", new() { HasTextString = review["name"]!.GetValue<string>() }).ClickAsync();
        var post = InputByLabel(page, "岗位 Post");
        await post.FillAsync(newPost);
        var autosave = await page.RunAndWaitForResponseAsync(() => post.PressAsync("Tab"), IsSave);
        autosave.Status.Should().Be(200);
        var autosaved = JsonNode.Parse(autosave.Request.PostData!)!.AsObject();
        autosaved["publish"]!.GetValue<bool>().Should().BeFalse("the change is auto-saved as a draft");
        Activity(autosaved["model"]!.AsObject(), Stage3Review)["post"]!["expression"]!["value"]!.GetValue<string>().Should().Be(newPost);

        var publish = page.Locator(PublishButton);
        await publish.HoverAsync();
        (await page.Locator(".mud-tooltip", new() { HasTextString = "Publish workflow" }).CountAsync()).Should().Be(1, "the button is the Studio's publish button");
        var published = await page.RunAndWaitForResponseAsync(() => publish.ClickAsync(), IsSave);
        published.Status.Should().Be(200);
        JsonNode.Parse(published.Request.PostData!)!["publish"]!.GetValue<bool>().Should().BeTrue();
        await page.Locator(".mud-snackbar", new() { HasTextString = "Workflow published" }).WaitForAsync();
        await ShouldBeEditableWithoutBannersAsync(page);
        foreach (var line in log.Lines) output.WriteLine(line);

        var after = await GetJsonAsync(api, $"/elsa/api/workflow-definitions/by-definition-id/{Stage3}?versionOptions=Published");
        after["version"]!.GetValue<int>().Should().Be(oldVersion + 1, "saving a published workflow made v+1, and publishing published it");
        after["isLatest"]!.GetValue<bool>().Should().BeTrue();
        Activity(after, Stage3Review)["post"]!["expression"]!["value"]!.GetValue<string>().Should().Be(newPost);
        ActivityIds(after).Should().BeEquivalentTo(activityIds, "the Studio saved every node back");
        var old = await GetJsonAsync(api, $"/elsa/api/workflow-definitions/by-definition-id/{Stage3}?versionOptions={oldVersion}");
        Activity(old, Stage3Review)["post"]!["expression"]!["value"]!.GetValue<string>().Should().NotBe(newPost, "the old version is kept as it was");

        var later = await ApplyForStageThreeAsync(permits);
        (await InstanceVersionAsync(permits, later.CaseId)).Should().Be(oldVersion + 1, "a new case starts the published version");
        (await InstanceVersionAsync(permits, earlier.CaseId)).Should().Be(oldVersion, "a case started before stays on its version");

        var earlierDone = await AcceptAndApproveAllAsync(permits, earlier.CaseId);
        var laterDone = await AcceptAndApproveAllAsync(permits, later.CaseId);
        earlierDone.State.Should().Be(CaseState.Issued, "the old version still runs to the end");
        laterDone.State.Should().Be(CaseState.Issued);
        earlierDone.Steps.Single(s => s.ActivityId == Stage3Review).Post.Should().BeNullOrEmpty("the old version had no post");
        laterDone.Steps.Single(s => s.ActivityId == Stage3Review).Post.Should().Be(newPost, "the new version's review goes to the post the designer set");
    }

    [ChromiumFact]
    public async Task The_activity_picker_shows_the_Permits_category_with_every_permit_activity()
    {
        using var api = await ApiAsync(Roles.Designer);
        var descriptors = (await GetJsonAsync(api, "/elsa/api/descriptors/activities"))["items"]!.AsArray()
            .Where(d => d!["category"]!.GetValue<string>() == "Permits").ToDictionary(d => d!["typeName"]!.GetValue<string>(), d => d!["displayName"]!.GetValue<string>());
        descriptors.Keys.Should().BeEquivalentTo(PermitActivities.Select(a => "Permits." + a));

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await OpenEditorAsync(page, Stage3);

        var category = page.Locator(".mud-expand-panel").Filter(new() { Has = page.Locator(".mud-expand-panel-text", new() { HasTextString = "Permits" }) });
        await category.Locator(".mud-expand-panel-header").ClickAsync();
        var entries = category.Locator(".mud-expand-panel-content [draggable=true]");
        await entries.First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var shown = (await entries.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        output.WriteLine("Permits category: " + string.Join(" | ", shown));
        shown.Should().BeEquivalentTo(descriptors.Values, "the picker lists every permit activity by its display name, and nothing else");
    }

    [ChromiumFact]
    public async Task Department_matter_and_lead_department_are_dropdowns_of_the_catalogue_and_matters_a_checklist()
    {
        var catalogue = browser.Server.Services.GetRequiredService<MatterCatalogue>();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);

        await OpenEditorAsync(page, "stage-1-project-approval");
        await page.Locator(".x6-node", new() { HasTextString = "部门审查 Department review" }).First.ClickAsync();
        (await OptionsOfDropdownAsync(page, "审查部门 Department")).Should().BeEquivalentTo(catalogue.Departments.Select(d => $"{d.Name} ({d.Code})"));
        (await OptionsOfDropdownAsync(page, "事项 Matter")).Should().HaveCount(catalogue.Matters.Count)
            .And.Contain(catalogue.Matters.Select(m => m.Code + " " + m.Name + "（" + catalogue.FindDepartment(m.Department)?.Name + "）"));

        await page.Locator(".x6-node", new() { HasTextString = "联合踏勘" }).First.ClickAsync();
        (await FieldByLabel(page, "牵头部门").InnerTextAsync()).Should().Contain("(zrzy)", "the seeded lead department is shown as the catalogue's entry");
        (await OptionsOfDropdownAsync(page, "牵头部门")).Should().HaveCount(catalogue.Departments.Count);

        await page.Locator(".x6-node", new() { HasTextString = "并联审批 Parallel review" }).First.ClickAsync();
        var boxes = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("legend, label", new() { HasTextString = "事项 Matters" }) }).Locator(".mud-checkbox");
        (await boxes.CountAsync()).Should().Be(catalogue.Matters.Count, "the parallel review's matters are a checklist of the catalogue");
    }

    [ChromiumFact]
    public async Task The_supervisor_sees_a_stage_workflow_drawn_in_the_read_only_viewer_without_the_editors_controls()
    {
        var file = Path.Combine(SharedFolder.RepositoryRoot, "src", "Workflow.Definitions", "Workflows", "stage-4-completion-acceptance.json");
        var activities = JsonNode.Parse(File.ReadAllText(file))!["root"]!["activities"]!.AsArray().Count;
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);

        await browser.SignInAsync(page, Roles.Supervisor, "/studio/definitions/stage-4-completion-acceptance");
        await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-node");
        await page.WaitForTimeoutAsync(2_000);

        (await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync()).Should().Be(activities, "the supervisor sees every node");
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse();
        (await page.Locator(".mud-switch", new() { HasTextString = "Auto-save" }).CountAsync()).Should().Be(0, "the Studio shows its read-only viewer, not the editor");
        (await page.Locator(PublishButton).CountAsync()).Should().Be(0, "there is nothing to publish from");
        log.Lines.Should().NotContain(l => l.StartsWith("POST "), "opening a workflow read-only changes nothing");
    }

    private async Task OpenEditorAsync(IPage page, string definitionId)
    {
        await browser.SignInAsync(page, Roles.Designer, $"/studio/definitions/{definitionId}");
        await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-node");
        await page.WaitForTimeoutAsync(2_000);
        // Nodes right of the canvas lie under the properties pane and cannot be clicked: zoom to fit first.
        await page.Locator(ZoomToFitButton).ClickAsync();
        await page.WaitForTimeoutAsync(500);
        page.SetDefaultTimeout(30_000);
    }

    /// <summary>
    /// The editor (not the read-only version viewer) with no Blazor error banner and no alert: only the editor has the
    /// Auto-save switch.
    /// </summary>
    private static async Task ShouldBeEditableWithoutBannersAsync(IPage page)
    {
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse("the Studio must not show its error banner");
        var alerts = page.Locator("elsa-workflow-definition-editor .mud-alert").Filter(new() { HasNotTextString = "does not have any input properties" });
        (await alerts.AllInnerTextsAsync()).Should().BeEmpty("no error or read-only banner (only the hint that the workflow itself has no inputs)");
        (await page.Locator(".mud-switch", new() { HasTextString = "Auto-save" }).First.IsVisibleAsync()).Should().BeTrue("the editor, not the read-only viewer, is shown");
    }

    /// <summary>A MudBlazor text field found by its label (the legend of its outline: the label's <c>for</c> does not match the input's id).</summary>
    private static ILocator InputByLabel(IPage page, string label) => FieldByLabel(page, label).Locator("input[type=text]");

    /// <summary>The innermost MudBlazor input control whose outline legend reads <paramref name="label"/>.</summary>
    private static ILocator FieldByLabel(IPage page, string label) =>
        page.Locator("legend", new() { HasTextString = label }).Locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' mud-input-control ')][1]");

    /// <summary>Opens the MudBlazor select labelled <paramref name="label"/> and reads its options, then closes it.</summary>
    private static async Task<IReadOnlyList<string>> OptionsOfDropdownAsync(IPage page, string label)
    {
        await FieldByLabel(page, label).Locator(".mud-input-slot").First.ClickAsync();
        var options = page.Locator(".mud-popover-open [role=option]");
        await options.First.WaitForAsync();
        var texts = (await options.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".mud-popover-open [role=option]").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        return texts;
    }

    private static bool IsSave(IResponse response) =>
        response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/elsa/api/workflow-definitions";

    private static JsonObject Activity(JsonObject definition, string id) =>
        definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();

    private static List<string> ActivityIds(JsonObject definition) =>
        definition["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();

    private static async Task<int> InstanceVersionAsync(IServiceProvider permits, string caseId) =>
        (await permits.GetRequiredService<CaseFiles>().FindAsync(caseId))!.Value.Instance.DefinitionVersion;

    /// <summary>A new project (its earlier approvals in place) and a complete stage-3 application for it.</summary>
    private static async Task<CaseFile> ApplyForStageThreeAsync(IServiceProvider permits)
    {
        var project = await permits.GetRequiredService<ProjectRegistry>().CreateProjectAsync(new NewProject("P-" + Guid.NewGuid().ToString("N")[..8], "施工许可版本测试项目", "示例建设有限公司",
            ProjectKind.EnterpriseInvested, false, StageThreePrerequisites), "agent1");
        var materials = permits.GetRequiredService<MatterCatalogue>().MattersOf(Stage.ConstructionPermit).SelectMany(m => m.Materials.Select(x => x.Code)).ToList();
        return await permits.GetRequiredService<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, null, materials));
    }

    /// <summary>The front desk accepts, then every open review is approved until none is left.</summary>
    private static async Task<CaseFile> AcceptAndApproveAllAsync(IServiceProvider permits, string caseId)
    {
        var file = (await permits.GetRequiredService<CaseFiles>().FindAsync(caseId))!.Value.File;
        var intake = file.Steps.Single(s => s.IsOpen && s.Department == PermitActivity.FrontDesk);
        await permits.GetRequiredService<StepDesk>().ActAsync(intake.Id, Act(nameof(IntakeOutcome.Accepted), "frontdesk"), null, null);
        for (var round = 0; round < 5; round++)
        {
            file = (await permits.GetRequiredService<CaseFiles>().FindAsync(caseId))!.Value.File;
            var open = file.Steps.Where(s => s.IsOpen && s.Kind == StepKind.Review).ToList();
            if (open.Count == 0) break;
            foreach (var step in open)
                await permits.GetRequiredService<StepDesk>().ActAsync(step.Id, Act("Approved", "reviewer-" + step.Department), null, null);
        }
        return (await permits.GetRequiredService<CaseFiles>().FindAsync(caseId))!.Value.File;
    }

    private static StepAction Act(string outcome, string actor) => new(StepAction.ActionEvent, outcome, null, [], [], actor, false, null);

    private async Task<HttpClient> ApiAsync(string user)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = user, password = "demo" });
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {path}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
