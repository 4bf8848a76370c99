using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Cases;

namespace Workflow.Definitions.Tests.Cases;

/// <summary>
/// The case file lives as JSON in its workflow variable, so files written by earlier versions must load unchanged now
/// that its state changes only through methods (private setters read with [JsonInclude]); and a file written now has
/// the same shape.
/// </summary>
public sealed class CaseFileJsonTests
{
    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    // A case file as the versions with public setters wrote it: accepted, one review step closed, its result issued.
    private const string Stored = """
        {
          "caseId": "C0123456789ab", "caseNumber": "2026-3-000001", "queryCode": "K7M2Q9", "projectId": "P1", "projectName": "示例项目",
          "agent": "agent1", "stage": "ConstructionPermit", "matters": ["M1"], "greenChannel": true, "calendarId": "cn-mainland",
          "state": "Issued", "submittedAt": "2026-03-02T01:00:00Z", "acceptedAt": "2026-03-02T02:00:00Z", "deemedAccepted": true,
          "statutoryLimit": 20, "promisedLimit": 5, "statutoryDue": "2026-03-30T09:30:00Z", "promisedDue": "2026-03-09T09:30:00Z",
          "materials": [{ "code": "A", "name": "申请表", "matterCode": "M1", "present": true, "submittedAt": "2026-03-02T01:00:00Z" }],
          "commitments": [], "notices": [], "opinions": [], "suspensions": [],
          "steps": [{
            "id": "C0123456789ab-01", "activityId": "review1", "kind": "Review", "department": "zjj", "matterCode": "M1", "title": "审查",
            "waiverAllowed": false, "state": "Completed", "createdAt": "2026-03-02T02:00:00Z", "statutoryLimit": 10, "promisedLimit": 3,
            "suspensions": [], "supplementRequests": [], "outcome": "Approved", "opinion": "同意", "conditions": ["按图施工"], "actor": "reviewer1",
            "completedAt": "2026-03-03T02:00:00Z", "statutoryDue": "2026-03-16T09:30:00Z", "promisedDue": "2026-03-05T09:30:00Z", "version": 3, "isOpen": false
          }],
          "repeatedReturns": [],
          "result": { "decision": "Approved", "certificateType": "施工许可证", "certificateNumber": "示例许字〔2026〕000001号", "conditions": ["按图施工"], "issuedAt": "2026-03-04T02:00:00Z" },
          "calendarVersion": "2026.1", "clockChanges": []
        }
        """;

    [Fact]
    public void A_case_file_stored_by_earlier_versions_loads_with_every_field_and_is_written_back_in_the_same_shape()
    {
        var stored = JsonNode.Parse(Stored)!;

        var file = CaseFileJson.FromNode(stored)!;

        file.State.Should().Be(CaseState.Issued);
        file.CaseNumber.Should().Be("2026-3-000001");
        file.QueryCode.Should().Be("K7M2Q9");
        file.AcceptedAt.Should().Be(At("2026-03-02T02:00:00Z"));
        file.DeemedAccepted.Should().BeTrue();
        (file.StatutoryLimit, file.PromisedLimit).Should().Be((20, 5));
        (file.StatutoryDue, file.PromisedDue).Should().Be((At("2026-03-30T09:30:00Z"), At("2026-03-09T09:30:00Z")));
        file.Result!.CertificateNumber.Should().Be("示例许字〔2026〕000001号");
        file.CalendarVersion.Should().Be("2026.1");
        var step = file.Steps.Single();
        (step.State, step.Outcome, step.Opinion, step.Actor, step.Version).Should().Be((StepState.Completed, "Approved", "同意", "reviewer1", 3));
        step.Conditions.Should().Equal("按图施工");
        (step.CompletedAt, step.StatutoryDue, step.PromisedDue).Should().Be((At("2026-03-03T02:00:00Z"), At("2026-03-16T09:30:00Z"), At("2026-03-05T09:30:00Z")));

        JsonNode.DeepEquals(CaseFileJson.ToNode(file), stored).Should().BeTrue(CaseFileJson.ToNode(file).ToJsonString());
    }

    [Fact]
    public void Each_change_of_state_is_a_method_named_for_what_happened()
    {
        var file = new CaseFile { CaseId = "C1", ProjectId = "P1", SubmittedAt = At("2026-03-02T01:00:00Z") };
        file.AwaitSupplement();
        file.State.Should().Be(CaseState.WaitingForSupplement);

        file.DeemAccepted(At("2026-03-05T01:00:00Z"), 20, 5);
        (file.State, file.AcceptedAt, file.DeemedAccepted, file.StatutoryLimit, file.PromisedLimit)
            .Should().Be((CaseState.InReview, At("2026-03-05T01:00:00Z"), true, 20, 5));

        file.AwaitCommitments();
        file.State.Should().Be(CaseState.AwaitingCommitments);
        file.CommitmentsKept();
        file.State.Should().Be(CaseState.InReview);

        file.Issue(new CaseResult(CaseDecisions.Revoked, "", "示例撤字〔2026〕000001号", [], At("2026-03-20T01:00:00Z")));
        file.State.Should().Be(CaseState.Revoked);
        file.CommitmentsKept();
        file.State.Should().Be(CaseState.Revoked, "only a case waiting for commitments goes back to review");
    }
}
