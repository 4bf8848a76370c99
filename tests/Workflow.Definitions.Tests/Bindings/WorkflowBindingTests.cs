using Workflow.Definitions.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Definitions.Tests.Bindings;

/// <summary>
/// The catalogue bindings on a real database (SQLite, and PostgreSQL where a server can be had): refusals with their
/// messages, most specific wins, running cases keep their version, the audit, and the dependents seam.
/// </summary>
public sealed class WorkflowBindingTests
{
    private const string Shipped3 = "stage-3-construction-permit";
    private const string Green3 = "green-3";
    private static readonly string[] GreenMatters = ["ZJJ-002", "SCJG-001"];

    public static IEnumerable<object[]> Providers() => PermitTestHost.Providers();

    private static async Task<(PermitTestHost Host, WorkflowBindings Bindings)> StartAsync(string provider)
    {
        var host = await PermitTestHost.StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var bindings = host.Services.GetRequiredService<WorkflowBindings>();
        (await bindings.EnsureSeededAsync()).Should().HaveCount(4, "every stage is bound to its shipped workflow on a new database");
        return (host, bindings);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_shipped_workflows_are_the_initial_bindings_and_seeding_again_changes_nothing(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;

        var all = await bindings.ListAsync();
        all.Select(b => (b.Scope.Key, b.DefinitionId)).Should().Equal(
            ("ProjectApprovalAndLandUse", "stage-1-project-approval"), ("EngineeringConstructionPermit", "stage-2-engineering-permit"),
            ("ConstructionPermit", "stage-3-construction-permit"), ("CompletionAcceptance", "stage-4-completion-acceptance"));
        all.Should().OnlyContain(b => b.ChangedBy == "system");
        (await bindings.EnsureSeededAsync()).Should().BeEmpty();
        (await bindings.ChangesAsync()).Should().HaveCount(4);
        // Each shipped workflow passes the check it would face if bound again.
        foreach (var binding in all)
            (await bindings.SetAsync(binding.Scope, binding.DefinitionId, "admin")).DefinitionId.Should().Be(binding.DefinitionId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_green_channel_binding_runs_green_projects_on_the_new_workflow_and_others_on_the_stage_workflow(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;
        await host.PublishAsync(Green3, SmallFlow.Json(Green3, GreenMatters, name: "绿色通道施工许可"));
        host.Clock.Advance(NodaTime.Duration.FromMinutes(1));

        var binding = await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, ProjectKind: ProjectCategory.GreenChannel), Green3, "admin");
        binding.ChangedBy.Should().Be("admin");

        var green = await host.ApplyAsync(await host.ProjectAsync(greenChannel: true), Stage.ConstructionPermit, GreenMatters);
        var plain = await host.ApplyAsync(await host.ProjectAsync(greenChannel: false), Stage.ConstructionPermit, GreenMatters);

        green.Workflow.Should().Be(new CaseWorkflow(Green3, 1, Green3, "ConstructionPermit/kind:GreenChannel"), "the test host stores the definition id as the name");
        plain.Workflow!.DefinitionId.Should().Be(Shipped3);
        plain.Workflow.Binding.Should().Be("ConstructionPermit");
        (await host.Cases.FindAsync(green.CaseId))!.Value.Instance.DefinitionId.Should().Be(Green3, "the engine runs the bound workflow");
        (await host.Cases.FindAsync(plain.CaseId))!.Value.Instance.DefinitionId.Should().Be(Shipped3);

        // The new workflow really runs: accept, both reviews in their departments' inboxes, approve, issued.
        await host.AcceptAsync(green.CaseId);
        var reviews = (await host.CaseAsync(green.CaseId)).Steps.Where(s => s.IsOpen).Select(s => (s.Department, s.MatterCode)).ToList();
        reviews.Should().BeEquivalentTo([("zjj", "ZJJ-002"), ("scjg", "SCJG-001")]);
        foreach (var step in (await host.CaseAsync(green.CaseId)).Steps.Where(s => s.IsOpen).ToList())
            await host.ActAsync(step.Id, "Approved", "reviewer-" + step.Department);
        (await host.CaseAsync(green.CaseId)).State.Should().Be(CaseState.Issued);

        var change = (await bindings.ChangesAsync()).First();
        change.Should().Be(new BindingChange("ConstructionPermit/kind:GreenChannel", null, Green3, "admin", host.Clock.GetCurrentInstant()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_most_specific_binding_wins_matter_then_project_kind_then_stage(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;
        await host.PublishAsync("by-matter", SmallFlow.Json("by-matter", ["ZJJ-003"]));
        await host.PublishAsync("by-kind", SmallFlow.Json("by-kind", ["ZJJ-003", "SCJG-001"]));
        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, Matter: "ZJJ-003"), "by-matter", "admin");
        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, ProjectKind: ProjectCategory.GreenChannel), "by-kind", "admin");

        var green = await host.ProjectAsync(greenChannel: true);
        (await host.ApplyAsync(green, Stage.ConstructionPermit, ["ZJJ-003"])).Workflow!.DefinitionId.Should().Be("by-matter", "a matter's binding beats the project kind's");
        await CloseAsync(host, green);
        (await host.ApplyAsync(green, Stage.ConstructionPermit, ["SCJG-001"])).Workflow!.DefinitionId.Should().Be("by-kind", "no matter binding: the project kind's");
        var plain = await host.ProjectAsync();
        (await host.ApplyAsync(plain, Stage.ConstructionPermit, ["SCJG-001"])).Workflow!.DefinitionId.Should().Be(Shipped3, "neither: the stage's");

        // A kind binding for the project's kind (社会投资) applies to it too; the green channel still wins over the kind.
        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, ProjectKind: ProjectCategory.EnterpriseInvested), "by-matter", "admin");
        await CloseAsync(host, plain);
        (await host.ApplyAsync(plain, Stage.ConstructionPermit, ["SCJG-001"])).Workflow!.DefinitionId.Should().Be("by-matter");
        await CloseAsync(host, green);
        (await host.ApplyAsync(green, Stage.ConstructionPermit, ["SCJG-001"])).Workflow!.DefinitionId.Should().Be("by-kind");

        // Removing the kind bindings gives the stage's back.
        (await bindings.RemoveAsync(new BindingScope(Stage.ConstructionPermit, ProjectKind: ProjectCategory.EnterpriseInvested), "admin")).Should().BeTrue();
        await CloseAsync(host, plain);
        (await host.ApplyAsync(plain, Stage.ConstructionPermit, ["SCJG-001"])).Workflow!.DefinitionId.Should().Be(Shipped3);
        (await bindings.ChangesAsync()).First().Should().Match<BindingChange>(c => c.Before == "by-matter" && c.After == null && c.Actor == "admin");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Matters_bound_to_different_workflows_cannot_be_filed_together(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;
        await host.PublishAsync("by-matter", SmallFlow.Json("by-matter", ["ZJJ-003"]));
        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, Matter: "ZJJ-003"), "by-matter", "admin");

        var project = await host.ProjectAsync();
        var act = () => host.ApplyAsync(project, Stage.ConstructionPermit, ["ZJJ-003", "SCJG-001"]);

        (await act.Should().ThrowAsync<PermitRuleViolation>()).Which.Errors["matters"].Single().Should().BeEquivalentTo(new RuleMessage(RuleCodes.ApplicationMattersSplit, "ZJJ-003 → by-matter; SCJG-001 → stage-3-construction-permit"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_running_case_keeps_its_workflow_and_version_when_the_binding_changes_and_a_new_version_is_published(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;
        await host.PublishAsync(Green3, SmallFlow.Json(Green3, GreenMatters));
        var project = await host.ProjectAsync(greenChannel: true);
        var before = await host.ApplyAsync(project, Stage.ConstructionPermit, GreenMatters);
        before.Workflow!.Should().Be(new CaseWorkflow(Shipped3, 1, "施工许可", "ConstructionPermit"));

        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit), Green3, "admin");
        await host.PublishAsync(Shipped3, Workflows.StageWorkflows.Json(Shipped3));

        var running = (await host.Cases.FindAsync(before.CaseId))!.Value;
        running.Instance.DefinitionId.Should().Be(Shipped3);
        running.Instance.DefinitionVersion.Should().Be(1);
        running.File.Workflow.Should().Be(before.Workflow);
        // and it still moves on its own version
        var accepted = await host.AcceptAsync(before.CaseId);
        accepted.Steps.Where(s => s.IsOpen).Select(s => s.ActivityId).Distinct().Should().Equal(["293e9b60c278c54e"],
            "the steps come from the shipped parallel review, not from the new workflow's (activity 'review')");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_workflow_that_cannot_serve_the_scope_is_refused_with_Chinese_and_English_messages(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;
        var store = host.Services.GetRequiredService<IWorkflowDefinitionStore>();
        await host.PublishAsync("no-intake", SmallFlow.Json("no-intake", GreenMatters, withIntake: false));
        await host.PublishAsync("foreign-matter", SmallFlow.Json("foreign-matter", ["ZJJ-002", "FGW-001"]));
        await host.PublishAsync("foreign-department", SmallFlow.Json("foreign-department", GreenMatters, reviewDepartment: "fgw"));
        await store.SaveAsync("draft-only", "draft-only", null, SmallFlow.Json("draft-only", GreenMatters), publish: false);
        var stage3 = new BindingScope(Stage.ConstructionPermit);

        async Task<IReadOnlyDictionary<string, Bilingual[]>> Refused(BindingScope scope, string definitionId)
        {
            var act = () => bindings.SetAsync(scope, definitionId, "admin");
            return (await act.Should().ThrowAsync<BindingRefused>()).Which.Errors;
        }

        var noIntake = (await Refused(stage3, "no-intake"))["definitionId"].Single();
        noIntake.Zh.Should().Contain("没有一窗受理").And.Contain("no-intake");
        noIntake.En.Should().Contain("has no intake activity (Permits.Intake)");

        var matter = (await Refused(stage3, "foreign-matter"))["definitionId"].Single();
        matter.Zh.Should().Be("活动「并联审批」(review)审查的事项 FGW-001 不属于「施工许可」阶段");
        matter.En.Should().Be("activity '并联审批' (review) reviews matter FGW-001, which is not a matter of stage ConstructionPermit");

        var department = (await Refused(stage3, "foreign-department"))["definitionId"].Single();
        department.Zh.Should().StartWith("活动「部门审查」(department)使用的部门 fgw 不参与「施工许可」阶段");
        department.En.Should().Be("activity '部门审查' (department) uses department fgw, which takes no part in stage ConstructionPermit (its departments: scjg, zjj)");

        (await Refused(stage3, "draft-only"))["definitionId"].Single().En.Should().Be("workflow draft-only has no published version; publish it in the Studio first");
        (await Refused(stage3, "nothing-here"))["definitionId"].Single().Zh.Should().Be("没有工作流定义 nothing-here");
        (await Refused(new BindingScope(Stage.ConstructionPermit, Matter: "FGW-001"), Shipped3))["matter"].Single().En.Should().Be("matter FGW-001 is not a matter of stage ConstructionPermit");
        (await Refused(new BindingScope(Stage.ConstructionPermit, "ZJJ-002", ProjectCategory.GreenChannel), Shipped3)).Should().ContainKey("projectKind");
        (await Refused(new BindingScope(Stage.CompletionAcceptance), Shipped3))["definitionId"].Should().NotBeEmpty("the stage-3 workflow reviews matters stage 4 does not have");
        (await Refused(stage3, "")).Should().ContainKey("definitionId");
        var removeStage = () => bindings.RemoveAsync(stage3, "admin");
        (await removeStage.Should().ThrowAsync<BindingRefused>()).Which.Errors.Should().ContainKey("stage");

        (await bindings.ListAsync()).Single(b => b.Scope.Stage == Stage.ConstructionPermit).DefinitionId.Should().Be(Shipped3, "nothing was changed");
        (await bindings.ChangesAsync()).Should().HaveCount(4, "refusals are not audited as changes");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stage_whose_bound_workflow_was_retracted_refuses_applications_naming_the_stage(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var __ = host;
        await host.Services.GetRequiredService<IWorkflowDefinitionStore>().RetractAsync("stage-4-completion-acceptance");

        var project = await host.ProjectAsync();
        var act = () => host.ApplyAsync(project, Stage.CompletionAcceptance);

        var refused = (await act.Should().ThrowAsync<StageUnavailableException>()).Which;
        refused.Stage.Should().Be(Stage.CompletionAcceptance);
        refused.Describe().Zh.Should().Contain("「竣工验收」阶段当前没有可用的已发布工作流");
        refused.Describe().En.Should().Contain("stage CompletionAcceptance (竣工验收)");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Set<Persistence.CaseRow>().CountAsync()).Should().Be(0, "no case was started");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_dependents_seam_reports_the_bindings_that_use_a_definition(string provider)
    {
        var (host, bindings) = await StartAsync(provider);
        await using var _ = host;
        await host.PublishAsync(Green3, SmallFlow.Json(Green3, GreenMatters));
        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, ProjectKind: ProjectCategory.GreenChannel), Green3, "admin");
        await bindings.SetAsync(new BindingScope(Stage.ConstructionPermit, Matter: "ZJJ-002"), Green3, "admin");
        var dependents = host.Services.GetServices<IDefinitionDependents>().OfType<BindingDependents>().Single();

        var all = await dependents.FindAsync(Green3, null, default);
        all.Should().ContainSingle().Which.Should().Match<DefinitionDependent>(d => d.Kind == "binding" && d.Count == 2);
        all[0].DescriptionZh.Should().Contain("施工许可 · 绿色通道项目").And.Contain("事项 ZJJ-002");
        all[0].DescriptionEn.Should().Contain("2 catalogue binding(s) use it: stage ConstructionPermit, green-channel projects; stage ConstructionPermit, matter ZJJ-002");
        (await dependents.FindAsync(Green3, 1, default)).Should().ContainSingle("version 1 is the published one the bindings use");
        (await dependents.FindAsync(Green3, 2, default)).Should().BeEmpty("no binding uses a version that is not published");
        (await dependents.FindAsync("stage-1-project-approval", null, default)).Single().Count.Should().Be(1);
        (await dependents.FindAsync("unbound", null, default)).Should().BeEmpty();
    }

    /// <summary>Refuses the project's open case at intake so that the stage can be applied for again.</summary>
    private static async Task CloseAsync(PermitTestHost host, Persistence.ProjectRow project)
    {
        var open = (await host.Services.GetRequiredService<Workflow.Definitions.Tracking.CaseQueries>().OfProjectAsync(project.Id)).Single(c => c.State == CaseState.Submitted);
        await host.ActAsync((await host.OpenStepAsync(open.Id, PermitActivity.FrontDesk)).Id, "Refused", "frontdesk", opinion: "测试");
    }
}
