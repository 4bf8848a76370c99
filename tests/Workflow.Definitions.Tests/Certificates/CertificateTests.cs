using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Certificates;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Testing;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Certificates;

/// <summary>Electronic certificates (电子证照, docs/public.md): a verification code per issued result, valid until a revocation.</summary>
public class CertificateTests
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task An_issued_approval_carries_a_verification_code_that_finds_its_essentials(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit)).CaseId);
        var first = file.Steps.First(s => s.IsOpen && s.Kind == StepKind.Review);
        host.SetClock("2025-03-04T10:00:00+08:00");
        await host.ActAsync(first.Id, "ApprovedWithConditions", conditions: ["夜间施工须提前报备"]);
        file = await ApproveAllReviewsAsync(host, file.CaseId);

        file.State.Should().Be(CaseState.Issued);
        var code = file.Result!.VerificationCode!;
        code.Should().HaveLength(8).And.Match(c => c.All(Alphabet.Contains));
        var register = host.Services.GetRequiredService<CertificateRegister>();
        var found = await register.FindAsync(" " + code[..4].ToLowerInvariant() + "-" + code[4..] + " ");
        found.Should().NotBeNull("case, spaces and dashes do not matter");
        found!.Code.Should().Be(code);
        found.Number.Should().Be(file.Result.CertificateNumber).And.StartWith("示例许字〔2025〕");
        found.CertificateType.Should().Be("建筑工程施工许可证");
        found.Decision.Should().Be("Approved");
        found.ProjectName.Should().Be("示例项目");
        found.Department.Should().Be("zjj", "the single window issues in the lead department's name");
        found.Matters.Should().Contain(m => m.StartsWith("ZJJ-001 "));
        found.Conditions.Should().Equal("夜间施工须提前报备");
        found.IssuedAt.Should().Be(At("2025-03-04T10:00:00+08:00"));
        found.Status.Should().Be(CertificateStatus.Valid);

        (await register.FindAsync("ZZZZZZZZ")).Should().BeNull();
        (await register.FindAsync("")).Should().BeNull();
        // The code is stamped once: a later save of the case keeps it.
        (await host.CaseAsync(file.CaseId)).Result!.VerificationCode.Should().Be(code);
        (await register.OfCaseAsync(file.CaseId)).Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_revocation_after_an_issued_certificate_marks_it_revoked(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        // A designer's flow that issues, then re-checks and revokes on a failed re-check.
        await host.PublishAsync("stage-3-construction-permit", IssueThenRevoke());
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-002"])).CaseId);
        file = await ApproveAllReviewsAsync(host, file.CaseId);
        var issued = file.Result!;
        issued.Decision.Should().Be("Approved");
        var register = host.Services.GetRequiredService<CertificateRegister>();
        (await register.FindAsync(issued.VerificationCode)).Should().Match<ElectronicCertificate>(c => c.Status == CertificateStatus.Valid);

        host.SetClock("2025-03-05T15:00:00+08:00");
        var recheck = file.Steps.Single(s => s.IsOpen);
        (file, _) = await host.ActAsync(recheck.Id, "Rejected", opinion: "承诺事项未履行");
        file.State.Should().Be(CaseState.Revoked);

        var revoked = await register.FindAsync(issued.VerificationCode);
        revoked!.Status.Should().Be(CertificateStatus.Revoked);
        revoked.RevokedAt.Should().Be(At("2025-03-05T15:00:00+08:00"));
        revoked.RevokedBy.Should().Be(file.Result!.CertificateNumber).And.StartWith("示例撤字");
        var decision = await register.FindAsync(file.Result.VerificationCode);
        decision!.Decision.Should().Be("Revoked");
        decision.Status.Should().Be(CertificateStatus.Valid, "the revocation decision itself stands");
        (await register.OfCaseAsync(file.CaseId)).Select(c => c.Code).Should().Equal(issued.VerificationCode, file.Result.VerificationCode);
    }

    [Fact]
    public async Task The_shipped_overdue_commitment_path_records_its_revocation_decision()
    {
        await using var host = await StartAsync("sqlite", "2025-03-03T09:30:00+08:00");
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, null, "ZJJ-001-FUNDS");
        file = await host.AcceptAsync(file.CaseId, nameof(IntakeOutcome.AcceptedWithWaiver), commitmentSigned: true);
        file = await ApproveAllReviewsAsync(host, file.CaseId);
        file.Result.Should().BeNull("the approval waits for the waived material (docs/domain.md)");

        host.SetClock("2025-03-10T17:31:00+08:00");
        await host.FireDueTimersAsync();
        file = await host.CaseAsync(file.CaseId);
        file.State.Should().Be(CaseState.Revoked);
        var decision = await host.Services.GetRequiredService<CertificateRegister>().FindAsync(file.Result!.VerificationCode);
        (decision!.Decision, decision.CertificateType, decision.Number).Should().Be(("Revoked", "撤销预审决定书", file.Result.CertificateNumber));
    }

    private static async Task<CaseFile> ApproveAllReviewsAsync(PermitTestHost host, string caseId)
    {
        for (var round = 0; round < 3; round++)
            foreach (var step in (await host.CaseAsync(caseId)).Steps.Where(s => s.IsOpen && s.Kind == StepKind.Review && s.ActivityId != "recheck").ToList())
                await host.ActAsync(step.Id, "Approved");
        return await host.CaseAsync(caseId);
    }

    /// <summary>Intake → review of ZJJ-002 → issue → re-check (zjj) → on Rejected, revoke.</summary>
    private static string IssueThenRevoke()
    {
        var json = JsonNode.Parse(SmallFlow.Json("stage-3-construction-permit", ["ZJJ-002"]))!;
        var root = json["root"]!;
        var activities = root["activities"]!.AsArray();
        var connections = root["connections"]!.AsArray();
        JsonObject Input(string typeName, string value) => new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        activities.Add(new JsonObject
        {
            ["id"] = "recheck", ["nodeId"] = "Workflow1:root:recheck", ["name"] = "复核", ["type"] = "Permits.DepartmentReview", ["version"] = 1,
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
            ["department"] = Input("String", "zjj"), ["matter"] = Input("String", "ZJJ-002"),
        });
        activities.Add(new JsonObject
        {
            ["id"] = "revoke", ["nodeId"] = "Workflow1:root:revoke", ["name"] = "撤销", ["type"] = "Permits.IssueResult", ["version"] = 1,
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
            ["decision"] = Input("String", "Revoked"), ["certificateType"] = Input("String", "撤销决定书"),
        });
        JsonObject Connect(string from, string port, string to) => new()
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" }, ["vertices"] = new JsonArray(),
        };
        var issueToEnd = connections.Single(c => (string?)c!["source"]!["activity"] == "issue");
        connections.Remove(issueToEnd);
        connections.Add(Connect("issue", "Done", "recheck"));
        connections.Add(Connect("recheck", "Approved", "end"));
        connections.Add(Connect("recheck", "ApprovedWithConditions", "end"));
        connections.Add(Connect("recheck", "SupplementRequested", "revoke"));
        connections.Add(Connect("recheck", "Rejected", "revoke"));
        connections.Add(Connect("revoke", "Done", "end"));
        return json.ToJsonString();
    }
}
