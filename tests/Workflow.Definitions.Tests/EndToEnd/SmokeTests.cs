using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.Tests.EndToEnd;

public class SmokeTests
{
    [Fact]
    public async Task Stage_three_runs_from_intake_to_issue()
    {
        await using var host = await PermitTestHost.StartAsync();
        var project = await host.ProjectAsync();

        var file = await host.ApplyAsync(project, Stage.ConstructionPermit);
        file.State.Should().Be(CaseState.Submitted);
        file = await host.AcceptAsync(file.CaseId);
        file.State.Should().Be(CaseState.InReview);

        foreach (var step in file.Steps.Where(s => s.IsOpen).ToList())
            await host.ActAsync(step.Id, "Approved");
        var permit = await host.OpenStepAsync(file.CaseId, "zjj");
        (file, _) = await host.ActAsync(permit.Id, "Approved");

        file.State.Should().Be(CaseState.Issued);
        file.Result!.CertificateType.Should().Be("建筑工程施工许可证");
    }
}
