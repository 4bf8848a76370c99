using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Projects;
using static Workflow.Host.Tests.Pages.PageForms;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Steps;
using Workflow.Definitions.Materials;
using Workflow.Definitions.Clocks;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// The agent's, reviewer's, front desk's and supervisor's pages through the real app (TestServer, SQLite file, fake
/// clock on Friday 2025-09-26 10:00 Shanghai): role homes, CaseAccess's 403/404, errors shown next to the fields
/// instead of 500s, the stale-version 409, the idempotent double submit and the supplement round trip.
/// </summary>
public sealed class PermitPagesTests(HostFactory host) : IClassFixture<HostFactory>
{
    private T Desk<T>() where T : notnull => host.Services.GetRequiredService<T>();

    [Theory]
    [InlineData("agent1", "/projects")]
    [InlineData("frontdesk", "/intake")]
    [InlineData("reviewer-zjj", "/inbox")]
    [InlineData("supervisor", "/supervision")]
    [InlineData("designer", "/studio")]
    public async Task Home_sends_each_role_to_its_page(string user, string page)
    {
        using var client = await host.SignedInClientAsync(user);
        var response = await client.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be(page);
        if (page != "/studio")
            (await client.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_admin_gets_the_links_and_anonymous_users_the_sign_in_page()
    {
        using var admin = await host.SignedInClientAsync("admin");
        var home = await admin.GetStringAsync("/");
        home.Should().Contain("href=\"/projects\"").And.Contain("href=\"/supervision\"");
        using var anonymous = host.Anonymous();
        var response = await anonymous.GetAsync("/projects");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/signin");
    }

    [Fact]
    public async Task Pages_answer_403_for_what_a_role_may_never_do_and_404_for_what_one_may_not_see()
    {
        var (project, file) = await AcceptedStage3CaseAsync();
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        var scjg = file.Steps.Single(s => s.Department == "scjg" && s.IsOpen);

        using var agent2 = await host.SignedInClientAsync("agent2");
        (await agent2.GetAsync($"/projects/{project.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another agent's project does not exist for agent2");
        (await agent2.GetAsync($"/cases/{file.CaseId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await agent2.GetAsync($"/projects/{project.Id}/apply/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await agent2.GetAsync($"/steps/{scjg.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await agent2.GetAsync("/inbox")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent2.GetAsync("/intake")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent2.GetAsync("/supervision")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var agent1 = await host.SignedInClientAsync("agent1");
        (await agent1.GetAsync($"/steps/{scjg.Id}")).StatusCode.Should().Be(HttpStatusCode.OK, "the case's agent reads its steps");
        (await agent1.GetStringAsync($"/steps/{scjg.Id}")).Should().NotContain("id=\"action\"", "agents never act on steps");
        (await agent1.PostAsync($"/steps/{scjg.Id}", new FormUrlEncodedContent([]))).StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Forbidden);

        using var sthj = await host.SignedInClientAsync("reviewer-sthj");
        (await sthj.GetAsync($"/steps/{scjg.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another department's step");
        (await sthj.GetAsync($"/cases/{file.CaseId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sthj.GetAsync("/projects")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sthj.GetAsync("/steps/no-such-step")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var frontDesk = await host.SignedInClientAsync("frontdesk");
        (await frontDesk.GetAsync($"/steps/{intake.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await frontDesk.GetAsync($"/steps/{scjg.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var supervisor = await host.SignedInClientAsync("supervisor");
        var html = await supervisor.GetStringAsync($"/steps/{scjg.Id}");
        html.Should().NotContain("id=\"action\"", "the supervisor reads and never acts");
        var post = await supervisor.PostFormAsync($"/steps/{scjg.Id}", [F("Outcome", "Approved")]);
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync($"/projects/{project.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervisor.GetAsync("/projects/no-such-project")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Registering_a_project_with_bad_fields_shows_the_errors_next_to_them()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var response = await agent.PostFormAsync("/projects", [F("Form.Code", ""), F("Form.Name", "x"), F("Form.Enterprise", ""), F("Form.Kind", "EnterpriseInvested"), F("Form.PriorApprovals", "NOPE-9")]);
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-field=\"code\"").And.Contain("data-field=\"enterprise\"").And.Contain("data-field=\"priorApprovals\"").And.Contain("NOPE-9");

        var badKind = await agent.PostFormAsync("/projects", [F("Form.Code", "X-1"), F("Form.Name", "x"), F("Form.Enterprise", "y"), F("Form.Kind", "Castle")]);
        badKind.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await badKind.Content.ReadAsStringAsync()).Should().Contain("data-field=\"kind\"");

        var created = await agent.PostFormAsync("/projects", [F("Form.Code", "PG-REG-1"), F("Form.Name", "登记测试项目"), F("Form.Enterprise", "测试单位"), F("Form.Kind", "SmallLowRisk"), F("Form.GreenChannel", "true")]);
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var projectPage = await agent.GetStringAsync(created.Headers.Location!.ToString());
        projectPage.Should().Contain("登记测试项目").And.Contain("绿色通道").And.Contain("data-state=\"NotApplied\"");
    }

    [Fact]
    public async Task Applying_without_matters_or_prerequisites_shows_errors_and_a_good_application_opens_the_case()
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PG-APPLY-1", "申报测试项目", "测试单位", ProjectKind.EnterpriseInvested), "agent1");
        using var agent = await host.SignedInClientAsync("agent1");
        (await agent.GetAsync($"/projects/{project.Id}/apply/9")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var none = await agent.PostFormAsync($"/projects/{project.Id}/apply/3", [F("Materials", "APP")]);
        none.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await none.Content.ReadAsStringAsync()).Should().Contain("data-field=\"matters\"");

        var prerequisites = await agent.PostFormAsync($"/projects/{project.Id}/apply/3", [F("ChosenMatters", "ZJJ-002"), F("Materials", "APP")]);
        prerequisites.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await prerequisites.Content.ReadAsStringAsync()).Should().Contain("data-field=\"matters\"").And.Contain("ZRZY-003");

        var good = await agent.PostFormAsync($"/projects/{project.Id}/apply/1", [F("ChosenMatters", "SW-001"), F("Materials", "APP"), F("Materials", "LIC"), F("Materials", "SW-001-PLAN"), F("Materials", "FGW-001-REPORT")]);
        good.StatusCode.Should().Be(HttpStatusCode.Redirect, "materials of matters not chosen are left out, not refused");
        var casePage = await agent.GetStringAsync(good.Headers.Location!.ToString());
        casePage.Should().Contain("待受理").And.Contain("SW-001");
    }

    [Fact]
    public async Task The_intake_form_applies_a_double_submit_once_and_a_stale_form_gets_someone_acted_first()
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PG-INTAKE-1", "受理测试项目", "测试单位", ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1");
        var file = await Desk<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, null, AllMaterials(Stage.ConstructionPermit)));
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        using var frontDesk = await host.SignedInClientAsync("frontdesk");
        (await frontDesk.GetStringAsync("/intake")).Should().Contain("受理测试项目");

        var form = await frontDesk.GetStringAsync($"/steps/{intake.Id}");
        form.Should().Contain("id=\"outcome-AcceptedWithWaiver\"", "stage 3 allows acceptance with waiver").And.Contain("可容缺").And.Contain("核心");
        var key = Hidden(form, "IdempotencyKey");
        var version = Hidden(form, "Version");
        KeyValuePair<string, string>[] body = [F("Outcome", "Accepted"), F("IdempotencyKey", key), F("Version", version)];

        var first = await frontDesk.PostFormAsync($"/steps/{intake.Id}", body);
        var second = await frontDesk.PostFormAsync($"/steps/{intake.Id}", body);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect, "the same key answers the first result again");
        var after = (await Desk<CaseFiles>().FindAsync(file.CaseId))!.Value.File;
        after.Steps.Count(s => s.Kind == StepKind.Intake).Should().Be(1);
        after.Opinions.Count(o => o.StepId == intake.Id).Should().Be(1, "applied once");
        after.State.Should().Be(CaseState.InReview);

        // A reviewer opens the form; someone else of the department acts first.
        var review = after.Steps.First(s => s.Department == "scjg" && s.IsOpen);
        using var reviewer = await host.SignedInClientAsync("reviewer-scjg");
        var stale = await reviewer.GetStringAsync($"/steps/{review.Id}");
        await Desk<StepDesk>().ActAsync(review.Id, new StepAction(StepAction.ActionEvent, "Approved", "先办", [], [], "reviewer-scjg", false, null), null, null);
        var late = await reviewer.PostFormAsync($"/steps/{review.Id}", [F("Outcome", "Rejected"), F("Opinion", "不同意"), F("IdempotencyKey", Hidden(stale, "IdempotencyKey")), F("Version", Hidden(stale, "Version"))]);
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).Should().Contain("有人已先办理了此环节");
        (await Desk<CaseFiles>().FindAsync(file.CaseId))!.Value.File.FindStep(review.Id)!.Outcome.Should().Be("Approved", "the first action stands");
    }

    [Fact]
    public async Task Bad_actions_show_errors_next_to_the_fields_and_apply_nothing()
    {
        var (_, file) = await AcceptedStage3CaseAsync();
        var review = file.Steps.First(s => s.Department == "scjg" && s.IsOpen);
        using var reviewer = await host.SignedInClientAsync("reviewer-scjg");

        var noOutcome = await reviewer.PostFormAsync($"/steps/{review.Id}", [F("Opinion", "x")]);
        noOutcome.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noOutcome.Content.ReadAsStringAsync()).Should().Contain("data-field=\"outcome\"");

        var unknown = await reviewer.PostFormAsync($"/steps/{review.Id}", [F("Outcome", "Maybe")]);
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("data-field=\"outcome\"");

        var noConditions = await reviewer.PostFormAsync($"/steps/{review.Id}", [F("Outcome", "ApprovedWithConditions"), F("Conditions", "  \n ")]);
        noConditions.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noConditions.Content.ReadAsStringAsync()).Should().Contain("data-field=\"conditions\"");

        var noReason = await reviewer.PostFormAsync($"/steps/{review.Id}", [F("Outcome", "SupplementRequested"), F("Items[0].Code", "SCJG-001-NOTICE"), F("Items[0].Ticked", "true")]);
        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("data-field=\"missingMaterials\"");

        var badVersion = await reviewer.PostFormAsync($"/steps/{review.Id}", [F("Outcome", "Approved"), F("Version", "not-a-number")]);
        badVersion.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a version that is not a number is refused, not ignored");
        (await badVersion.Content.ReadAsStringAsync()).Should().Contain("data-field=\"version\"");

        (await Desk<CaseFiles>().FindAsync(file.CaseId))!.Value.File.FindStep(review.Id)!.State.Should().Be(StepState.Open, "nothing was applied");
    }

    [Fact]
    public async Task A_supplement_request_lists_all_materials_and_the_agent_resubmits_from_the_case_page()
    {
        var (project, file) = await AcceptedStage3CaseAsync();
        var review = file.Steps.First(s => s.Department == "scjg" && s.IsOpen);
        using var reviewer = await host.SignedInClientAsync("reviewer-scjg");
        var form = await reviewer.GetStringAsync($"/steps/{review.Id}");
        foreach (var code in file.Materials.Select(m => m.Code).Distinct())
            form.Should().Contain($"id=\"tick-{code}\"", "the supplement checklist lists every material of the case");

        var asked = await reviewer.PostFormAsync($"/steps/{review.Id}",
        [
            F("Outcome", "SupplementRequested"), F("Opinion", "请补正"),
            F("Items[0].Code", "SCJG-001-NOTICE"), F("Items[0].Ticked", "true"), F("Items[0].Reason", "告知书缺少设备清单"),
            F("Items[1].Code", "LIC"), F("Items[1].Ticked", "true"), F("Items[1].Reason", "营业执照已过期"),
            F("Items[2].Code", "APP"), F("Items[2].Reason", "not ticked: not asked for"),
        ]);
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var step = (await Desk<CaseFiles>().FindAsync(file.CaseId))!.Value.File.FindStep(review.Id)!;
        step.State.Should().Be(StepState.WaitingForSupplement);
        step.SupplementRequests[^1].Items.Select(i => i.Code).Should().BeEquivalentTo(["SCJG-001-NOTICE", "LIC"]);

        using var agent = await host.SignedInClientAsync("agent1");
        var grid = await agent.GetStringAsync($"/projects/{project.Id}");
        grid.Should().Contain("data-matter=\"SCJG-001\" data-state=\"WaitingForSupplement\"").And.Contain("告知书缺少设备清单");
        var casePage = await agent.GetStringAsync($"/cases/{file.CaseId}");
        casePage.Should().Contain("name=\"Supplied\" value=\"SCJG-001-NOTICE\"").And.Contain("name=\"Supplied\" value=\"LIC\"").And.Contain("告知书缺少设备清单");

        var empty = await agent.PostFormAsync($"/cases/{file.CaseId}", []);
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("data-field=\"materials\"");

        var supplied = await agent.PostFormAsync($"/cases/{file.CaseId}", [F("Supplied", "SCJG-001-NOTICE"), F("Supplied", "LIC")]);
        supplied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Desk<CaseFiles>().FindAsync(file.CaseId))!.Value.File.FindStep(review.Id)!.State.Should().Be(StepState.Open, "the resubmission puts the step back in the inbox");

        using var other = await host.SignedInClientAsync("reviewer-scjg");
        (await other.PostFormAsync($"/cases/{file.CaseId}", [F("Supplied", "LIC")])).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the agent supplies materials");
    }

    [Fact]
    public async Task A_supplement_at_intake_shows_the_one_time_notice_with_every_missing_material()
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PG-NOTICE-1", "告知测试项目", "测试单位", ProjectKind.EnterpriseInvested), "agent1");
        var file = await Desk<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ProjectApprovalAndLandUse, ["SW-001", "FGW-002"], ["APP", "LIC"]));
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        using var frontDesk = await host.SignedInClientAsync("frontdesk");
        var refused = await frontDesk.PostFormAsync($"/steps/{intake.Id}", [F("Outcome", "Accepted")]);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "core materials are missing");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("data-field=\"outcome\"");

        var notice = await frontDesk.PostFormAsync($"/steps/{intake.Id}",
            [F("Outcome", "SupplementRequired"), F("Items[0].Code", "LIC"), F("Items[0].Ticked", "true"), F("Items[0].Reason", "复印件不清晰")]);
        notice.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await frontDesk.GetStringAsync(notice.Headers.Location!.ToString());
        page.Should().Contain("一次性告知书").And.Contain("SW-001-PLAN").And.Contain("FGW-002-ENERGY").And.Contain("复印件不清晰");

        using var agent = await host.SignedInClientAsync("agent1");
        (await agent.GetStringAsync($"/projects/{project.Id}")).Should().Contain("data-matter=\"SW-001\" data-state=\"WaitingForSupplement\"");
    }

    [Fact]
    public async Task The_inbox_and_tracker_show_both_clocks_in_working_days_and_english_is_available()
    {
        var (project, file) = await AcceptedStage3CaseAsync();
        using var reviewer = await host.SignedInClientAsync("reviewer-scjg");
        var inbox = await reviewer.GetStringAsync("/inbox");
        inbox.Should().MatchRegex("还剩 \\d+\\.\\d 个工作日").And.Contain("法定时限").And.Contain("承诺时限").And.Contain("level-normal");

        using var agent = await host.SignedInClientAsync("agent1");
        var grid = await agent.GetStringAsync($"/projects/{project.Id}");
        grid.Should().Contain("data-matter=\"SCJG-001\" data-state=\"OnTime\"").And.Contain("data-matter=\"FGW-001\" data-state=\"NotApplied\"");
        grid.Should().MatchRegex("承诺时限：还剩 \\d+\\.\\d 个工作日");
        var english = await agent.GetStringAsync($"/projects/{project.Id}?culture=en");
        english.Should().Contain("<html lang=\"en\">").And.MatchRegex("\\d+\\.\\d working days left").And.Contain("Not applied");
        (await agent.GetStringAsync($"/cases/{file.CaseId}")).Should().Contain("Case deadlines", "the choice is remembered").And.Contain("Timeline");
        (await agent.GetStringAsync($"/projects/{project.Id}/apply/1?culture=en")).Should().Contain("Materials checklist");
        (await reviewer.GetStringAsync("/inbox?culture=en")).Should().Contain("Inbox").And.MatchRegex("\\d+\\.\\d working days left");
        var step = file.Steps.First(s => s.Department == "scjg" && s.IsOpen);
        (await reviewer.GetStringAsync($"/steps/{step.Id}?culture=en")).Should().Contain("Approved with conditions").And.Contain("Conditions (one per line)");
        using var supervisor = await host.SignedInClientAsync("supervisor");
        (await supervisor.GetStringAsync("/supervision?culture=en")).Should().Contain("Supervision");
        (await supervisor.GetStringAsync("/intake?culture=en")).Should().Contain("Intake window");
    }

    [Fact]
    public async Task The_supervision_overview_counts_open_steps_by_department()
    {
        await AcceptedStage3CaseAsync();
        using var supervisor = await host.SignedInClientAsync("supervisor");
        var html = await supervisor.GetStringAsync("/supervision");
        html.Should().Contain("data-department=\"scjg\"").And.Contain("data-department=\"zjj\"");
        (await supervisor.GetStringAsync("/inbox?department=scjg")).Should().Contain("市场监管");
        // A bad list parameter is 400 naming it next to the filter (docs/api.md, Lists), never echoed as markup.
        var script = await supervisor.GetAsync("/inbox?department=%3Cscript%3E");
        script.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await script.Content.ReadAsStringAsync()).Should().Contain("data-field=\"department\"").And.NotContain("<script>");
        (await supervisor.GetAsync("/inbox?page=2147483647")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await supervisor.GetAsync("/projects?search=%25")).StatusCode.Should().Be(HttpStatusCode.OK);
        var badPage = await supervisor.GetAsync("/projects?page=-3");
        badPage.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the project list reads the lists' parameters too");
        (await badPage.Content.ReadAsStringAsync()).Should().Contain("data-field=\"page\"");
    }

    [Fact]
    public async Task Every_page_and_view_that_shows_a_case_names_it_by_its_number()
    {
        var (project, file) = await AcceptedStage3CaseAsync();
        file.CaseNumber.Should().MatchRegex(@"^2025-3-\d{6}$");
        var number = file.CaseNumber!;

        using var agent = await host.SignedInClientAsync("agent1");
        (await agent.GetStringAsync($"/cases/{file.CaseId}")).Should().Contain($"id=\"case-number\">{number}<");
        (await agent.GetStringAsync($"/projects/{project.Id}")).Should().Contain($"<span class=\"case-number\">{number}</span>", "the tracker's stage row")
            .And.Contain($"class=\"case-number\">{number}</a>", "the list of the project's cases");
        using var agentApi = await host.AsUserAsync("agent1");
        (await agentApi.GetStringAsync($"/api/cases/{file.CaseId}")).Should().Contain($"\"caseNumber\":\"{number}\"").And.Contain($"\"queryCode\":\"{file.QueryCode}\"");
        (await agentApi.GetStringAsync("/api/cases")).Should().Contain($"\"caseNumber\":\"{number}\"");

        using var reviewer = await host.SignedInClientAsync("reviewer-scjg");
        (await reviewer.GetStringAsync("/inbox")).Should().Contain($"<div class=\"muted case-number\">{number}</div>");
        var scjg = file.Steps.Single(s => s.Department == "scjg" && s.IsOpen);
        (await reviewer.GetStringAsync($"/steps/{scjg.Id}")).Should().Contain($"class=\"case-number\">{number}</a>");
        using var reviewerApi = await host.AsUserAsync("reviewer-scjg");
        (await reviewerApi.GetStringAsync("/api/inbox")).Should().Contain($"\"caseNumber\":\"{number}\"");

        // A second application waits at the window: the intake queue names it by its number too.
        var waiting = await Desk<ApplicationDesk>().ApplyAsync(await Desk<ProjectRegistry>().CreateProjectAsync(
            new NewProject("PG-" + Guid.NewGuid().ToString("N")[..8], "待受理项目", "测试单位", ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1"),
            new NewApplication(Stage.ConstructionPermit, null, AllMaterials(Stage.ConstructionPermit)));
        using var frontDesk = await host.SignedInClientAsync("frontdesk");
        (await frontDesk.GetStringAsync("/intake")).Should().Contain($"<div class=\"muted case-number\">{waiting.CaseNumber}</div>");

        using var supervisor = await host.SignedInClientAsync("supervisor");
        (await supervisor.GetStringAsync("/supervision/drill?figure=open&department=scjg&from=2025-09-01&to=2025-09-30")).Should().Contain($"class=\"case-number\">{number}</a>");
    }

    [Fact]
    public async Task The_project_list_names_each_projects_current_case_by_its_number()
    {
        var (project, file) = await AcceptedStage3CaseAsync();
        var empty = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PG-" + Guid.NewGuid().ToString("N")[..8], "未申报测试项目", "测试单位",
            ProjectKind.EnterpriseInvested), "agent1");
        using var agent = await host.SignedInClientAsync("agent1");

        var list = await agent.GetStringAsync($"/projects?search={project.Code}");
        list.Should().Contain("<th>当前办件</th>").And.Contain($"<a href=\"/cases/{file.CaseId}\" class=\"case-number\">{file.CaseNumber}</a>");
        (await agent.GetStringAsync($"/projects?search={project.Code}&culture=en")).Should().Contain("<th>Current case</th>");
        var none = await agent.GetStringAsync($"/projects?search={empty.Code}");
        none.Should().Contain($"data-project=\"{empty.Id}\"").And.NotContain("class=\"case-number\"", "a project with no application has no case");
    }

    [Fact]
    public async Task The_feedback_page_heading_names_the_case_by_its_number()
    {
        var (_, file) = await AcceptedStage3CaseAsync();
        using var agent = await host.SignedInClientAsync("agent1");
        (await agent.GetStringAsync($"/cases/{file.CaseId}/feedback")).Should()
            .Contain($"<a href=\"/cases/{file.CaseId}\" class=\"case-number\">{file.CaseNumber}</a></h1>");
    }

    [Fact]
    public async Task The_intake_queue_shows_each_applications_intake_clock_and_its_matters_by_code_and_name()
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PG-" + Guid.NewGuid().ToString("N")[..8], "受理时钟项目", "测试单位",
            ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1");
        var file = await Desk<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, ["ZJJ-003"], ["APP", "LIC", "ZJJ-003-PLAN"]));
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        using var frontDesk = await host.SignedInClientAsync("frontdesk");

        // Filed Friday 2025-09-26 10:00; five working days on the official calendar: 28 (a make-up working Sunday), 29,
        // 30 September, 9 and 10 October, after the National Day holiday. Nothing of them used yet.
        var page = await frontDesk.GetStringAsync("/intake?search=受理时钟项目");
        page.Should().Contain("<th>受理时限</th>");
        var row = RowOf(page, intake.Id);
        row.Should().Contain("class=\"level-row-normal\"").And.Contain("ZJJ-003 工程质量安全监督手续办理")
            .And.Contain(">正常<").And.Contain("还剩 5.0 个工作日").And.Contain("到期 2025-10-10 17:30");

        var english = await frontDesk.GetStringAsync("/intake?search=受理时钟项目&culture=en");
        english.Should().Contain("<th>Intake clock</th>");
        RowOf(english, intake.Id).Should().Contain("ZJJ-003 Quality and safety supervision registration")
            .And.Contain(">On time<").And.Contain("5.0 working days left").And.Contain("due 2025-10-10 17:30");
    }

    /// <summary>The table row of a list page that shows step <paramref name="stepId"/>.</summary>
    internal static string RowOf(string html, string stepId)
    {
        var start = html.IndexOf($"<tr data-step=\"{stepId}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the list shows step {stepId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string[] AllMaterials(Stage stage) =>
        MatterCatalogue.Sample.MattersOf(stage).SelectMany(m => m.Materials).Select(m => m.Code).Distinct().ToArray();

    /// <summary>agent1's stage-3 case, accepted at the window: reviews of 住建 and 市场监管 are open.</summary>
    private async Task<(ProjectRow Project, CaseFile File)> AcceptedStage3CaseAsync()
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PG-" + Guid.NewGuid().ToString("N")[..8], "施工许可测试项目", "测试单位", ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1");
        var file = await Desk<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, null, AllMaterials(Stage.ConstructionPermit)));
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        var (accepted, _, _) = await Desk<StepDesk>().ActAsync(intake.Id, new StepAction(StepAction.ActionEvent, "Accepted", null, [], [], "frontdesk", false, null), null, null);
        return (project, accepted);
    }
}
