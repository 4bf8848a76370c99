using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Steps;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// The printable documents (docs/pages.md, *Printable documents*) through the real app, clock on Friday 2025-09-26 10:00
/// Shanghai: each appears once the case has it, says what it must, and answers 404 to whoever may not see the case.
/// </summary>
public sealed class PrintPagesTests(HostFactory host) : IClassFixture<HostFactory>
{
    private T Desk<T>() where T : notnull => host.Services.GetRequiredService<T>();

    [Fact]
    public async Task The_one_time_notice_lists_every_missing_and_defective_material_with_its_reason_and_deadline()
    {
        var file = await FileAsync(missing: ["ZJJ-002-SURVEY", "ZJJ-003-PLAN"]);
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        await ActAsync(intake.Id, "SupplementRequired", "frontdesk", missing: [new MaterialDefect("LIC", "复印件不清晰，请提供加盖公章的清晰复印件")]);

        using var agent = await host.SignedInClientAsync("agent1");
        var casePage = await agent.GetStringAsync($"/cases/{file.CaseId}");
        casePage.Should().Contain($"href=\"/cases/{file.CaseId}/print/notice?n=1\"").And.NotContain("/print/acceptance", "not accepted yet");
        var html = await agent.GetStringAsync($"/cases/{file.CaseId}/print/notice");
        html.Should().Contain("一次性告知书").And.Contain(file.CaseNumber!)
            .And.Contain("岩土工程勘察报告").And.Contain("工程质量安全监督计划").And.Contain("营业执照或统一社会信用代码证明")
            .And.Contain("复印件不清晰，请提供加盖公章的清晰复印件")
            .And.Contain("示例建设单位").And.Contain("2025年9月26日", "the filing date in Chinese form")
            .And.Contain("二〇二五年九月二十六日", "the date above the seal")
            .And.Contain("<span class=\"seal\">示例市政务服务中心<br />", "the catalogue's service centre seals the window's documents")
            // Ten working days from Friday 26 September 2025, over the National Day holiday (1–8 October, with 28 September and
            // 11 October as make-up working days): 28, 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct.
            .And.Contain("2025年10月16日", "the resubmission deadline: ten working days on the official calendar")
            .And.Contain("/css/document.css");
        (await agent.GetStringAsync("/css/document.css")).Should().Contain("@page { size: A4;").And.Contain("break-inside: avoid");
        (await agent.GetAsync($"/cases/{file.CaseId}/print/acceptance")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a document the case does not have");
        (await agent.GetAsync($"/cases/{file.CaseId}/print/notice?n=2")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await agent.GetAsync($"/cases/{file.CaseId}/print/nonsense")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var agent2 = await host.SignedInClientAsync("agent2");
        (await agent2.GetAsync($"/cases/{file.CaseId}/print/notice")).StatusCode.Should().Be(HttpStatusCode.NotFound, "like the case itself");
        using var sthj = await host.SignedInClientAsync("reviewer-sthj");
        (await sthj.GetAsync($"/cases/{file.CaseId}/print/notice")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var frontDesk = await host.SignedInClientAsync("frontdesk");
        (await frontDesk.GetAsync($"/cases/{file.CaseId}/print/notice")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_acceptance_notice_carries_the_case_number_and_query_code_and_the_permit_decision_its_certificate()
    {
        var file = await FileAsync();
        file = await ActAsync(file.Steps.Single(s => s.Kind == StepKind.Intake).Id, "Accepted", "frontdesk");
        using var agent = await host.SignedInClientAsync("agent1");
        var acceptance = await agent.GetStringAsync($"/cases/{file.CaseId}/print/acceptance");
        acceptance.Should().Contain("受理通知书").And.Contain(file.CaseNumber!).And.Contain($"id=\"query-code\">{file.QueryCode}<")
            .And.Contain("2025年9月26日").And.NotContain("视为受理");
        (await agent.GetAsync($"/cases/{file.CaseId}/print/approval")).StatusCode.Should().Be(HttpStatusCode.NotFound, "not issued yet");

        while (file.Steps.Where(s => s.IsOpen && s.Kind == StepKind.Review).ToList() is { Count: > 0 } open)
            foreach (var step in open)
                file = await ActAsync(step.Id, "ApprovedWithConditions", "reviewer-" + step.Department, conditions: ["施工现场设置围挡"]);
        file.State.Should().Be(CaseState.Issued);
        var approval = await agent.GetStringAsync($"/cases/{file.CaseId}/print/approval");
        approval.Should().Contain("准予行政许可决定书").And.Contain(file.Result!.CertificateNumber).And.Contain("建筑工程施工许可证")
            .And.Contain(file.CaseNumber!).And.Contain("施工现场设置围挡");
        System.Text.RegularExpressions.Regex.Matches(approval, "施工现场设置围挡").Count.Should().Be(1, "each condition once");
    }

    [Fact]
    public async Task Refusals_at_the_window_and_after_review_print_their_decisions_with_the_grounds()
    {
        var refused = await FileAsync();
        await ActAsync(refused.Steps.Single(s => s.Kind == StepKind.Intake).Id, "Refused", "frontdesk", opinion: "申请事项不属于本机关职权范围");
        using var agent = await host.SignedInClientAsync("agent1");
        (await agent.GetStringAsync($"/cases/{refused.CaseId}/print/refusal")).Should().Contain("不予受理决定书")
            .And.Contain("申请事项不属于本机关职权范围").And.Contain(refused.CaseNumber!).And.Contain("行政复议");

        var rejected = await FileAsync();
        rejected = await ActAsync(rejected.Steps.Single(s => s.Kind == StepKind.Intake).Id, "Accepted", "frontdesk");
        while (rejected.Steps.Where(s => s.IsOpen && s.Kind == StepKind.Review).ToList() is { Count: > 0 } open)
            foreach (var step in open)
                rejected = await ActAsync(step.Id, "Rejected", "reviewer-" + step.Department, opinion: $"{step.Department}：施工图不符合强制性标准");
        rejected.State.Should().Be(CaseState.Rejected);
        (await agent.GetStringAsync($"/cases/{rejected.CaseId}/print/rejection")).Should().Contain("不予行政许可决定书")
            .And.Contain(rejected.Result!.CertificateNumber).And.Contain("施工图不符合强制性标准").And.Contain(rejected.CaseNumber!);
        (await agent.GetAsync($"/cases/{rejected.CaseId}/print/approval")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<CaseFile> FileAsync(params string[] missing)
    {
        var project = await Desk<ProjectRegistry>().CreateProjectAsync(new NewProject("PR-" + Guid.NewGuid().ToString("N")[..8], "文书打印测试项目", "示例建设单位",
            ProjectKind.EnterpriseInvested, PriorApprovals: ["ZRZY-003"]), "agent1");
        var materials = MatterCatalogue.Sample.MattersOf(Stage.ConstructionPermit).SelectMany(m => m.Materials).Select(m => m.Code).Distinct().Except(missing).ToArray();
        return await Desk<ApplicationDesk>().ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, null, materials));
    }

    private async Task<CaseFile> ActAsync(string stepId, string outcome, string actor, string? opinion = null, IReadOnlyList<string>? conditions = null, IReadOnlyList<MaterialDefect>? missing = null) =>
        (await Desk<StepDesk>().ActAsync(stepId, new StepAction(StepAction.ActionEvent, outcome, opinion, conditions ?? [], missing ?? [], actor, false, null), null, null)).File;
}
