using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Cases;

/// <summary>
/// Everything a case (办件) knows: its materials, commitments, notices, opinions, clock suspensions, steps and
/// result. It lives inside the case's workflow instance (variable <see cref="VariableName"/>), so that it changes
/// in the same transaction and under the same row version as the workflow; the case and step tables are
/// projections of it.
/// </summary>
public sealed class CaseFile
{
    /// <summary>The workflow variable that holds the case file.</summary>
    public const string VariableName = "permitCase";

    public required string CaseId { get; init; }
    public required string ProjectId { get; init; }
    public string ProjectName { get; init; } = "";
    /// <summary>The project agent (user name) who filed it.</summary>
    public string Agent { get; init; } = "";
    public Stage? Stage { get; init; }
    /// <summary>The matters applied for.</summary>
    public List<string> Matters { get; init; } = [];
    /// <summary>Key project: shorter promised limits and inbox priority (绿色通道).</summary>
    public bool GreenChannel { get; init; }
    public string CalendarId { get; init; } = "cn-mainland";
    public CaseState State { get; set; } = CaseState.Submitted;
    public required Instant SubmittedAt { get; init; }
    /// <summary>受理 time: the case's clocks start here (the day itself is not counted).</summary>
    public Instant? AcceptedAt { get; set; }
    public int StatutoryLimit { get; set; }
    public int PromisedLimit { get; set; }
    public Instant? StatutoryDue { get; set; }
    public Instant? PromisedDue { get; set; }
    public List<MaterialRecord> Materials { get; init; } = [];
    public List<Commitment> Commitments { get; init; } = [];
    public List<OneTimeNotice> Notices { get; init; } = [];
    public List<CaseOpinion> Opinions { get; init; } = [];
    /// <summary>When the case's clocks stood still (every supplement request of any step, special procedures).</summary>
    public List<ClockSuspension> Suspensions { get; init; } = [];
    public List<StepRecord> Steps { get; init; } = [];
    public List<RepeatedReturn> RepeatedReturns { get; init; } = [];
    public CaseResult? Result { get; set; }
    /// <summary>The version of the calendar the due instants were last computed on.</summary>
    public string? CalendarVersion { get; set; }
    /// <summary>Due instants a new calendar version moved (audit trail of recomputations).</summary>
    public List<ClockChange> ClockChanges { get; init; } = [];
    /// <summary>The workflow the case runs, as chosen by the binding in force when it was filed (null for cases filed before bindings).</summary>
    public CaseWorkflow? Workflow { get; init; }

    public IReadOnlySet<string> PresentMaterials => Materials.Where(m => m.Present).Select(m => m.Code).ToHashSet();

    public StepRecord? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);

    public bool HasOpenCommitments => Commitments.Any(c => c.IsOpen);
}
