using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Cases;

/// <summary>
/// What resumes a permit activity, read from the resume input: a person's action on a step, the applicant's
/// materials arriving, or a timer. An empty input (Elsa's "resume every bookmark" harness, the CLI's
/// <c>--resume-all</c>) is an action with no outcome: the activity takes its first outcome.
/// </summary>
/// <param name="Event">A person's action, materials supplied, or a timer (by name in the JSON).</param>
/// <param name="Outcome">The outcome chosen (an outcome name of the step's activity); null = the first.</param>
/// <param name="Opinion">The reviewer's opinion text.</param>
/// <param name="Conditions">Conditions attached to an approval or agreement.</param>
/// <param name="MissingMaterials">For supplement requests: every material asked for, with the reason.</param>
/// <param name="Actor">The user acting; <c>system</c> when none.</param>
/// <param name="CommitmentSigned">For intake with waiver: the applicant signed the commitment.</param>
/// <param name="CertificateNumber">For issuing: a number given by the window, else one is generated.</param>
public sealed record StepAction(
    StepEvent Event,
    string? Outcome,
    string? Opinion,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<MaterialDefect> MissingMaterials,
    string Actor,
    bool CommitmentSigned,
    string? CertificateNumber)
{
    /// <summary>The event of a person's action on a step.</summary>
    public const StepEvent ActionEvent = StepEvent.Action;
    internal const StepEvent MaterialsSuppliedEvent = StepEvent.MaterialsSupplied;
    internal const StepEvent TimerEvent = StepEvent.Timer;

    /// <summary>
    /// The action an empty resume input stands for: the system acting with no outcome, so the activity takes its first
    /// outcome.
    /// </summary>
    public static StepAction None { get; } = new(ActionEvent, null, null, [], [], "system", false, null);

    /// <summary>Reads the resume input (camelCase JSON); unknown properties are ignored.</summary>
    /// <exception cref="JsonException">A property has the wrong JSON type, or the event is none of <see cref="StepEvent"/>.</exception>
    public static StepAction From(JsonObject? input)
    {
        if (input is null || input.Count == 0) return None;
        var dto = input.Deserialize<Dto>(CaseFileJson.Options) ?? new Dto();
        return new StepAction(
            dto.Event is null ? ActionEvent : Enum.TryParse<StepEvent>(dto.Event, ignoreCase: false, out var e) && Enum.IsDefined(e) ? e : throw new JsonException($"'{dto.Event}' is not a step event: one of {string.Join(", ", Enum.GetNames<StepEvent>())}"),
            string.IsNullOrWhiteSpace(dto.Outcome) ? null : dto.Outcome,
            dto.Opinion,
            dto.Conditions ?? [],
            dto.MissingMaterials ?? [],
            string.IsNullOrWhiteSpace(dto.Actor) ? "system" : dto.Actor,
            dto.CommitmentSigned,
            dto.CertificateNumber);
    }

    /// <summary>This action as the resume input <see cref="From"/> reads back.</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(new Dto
    {
        Event = Event.ToString(), Outcome = Outcome, Opinion = Opinion, Conditions = [.. Conditions], MissingMaterials = [.. MissingMaterials],
        Actor = Actor, CommitmentSigned = CommitmentSigned, CertificateNumber = CertificateNumber,
    }, CaseFileJson.Options)!.AsObject();

    private sealed class Dto
    {
        public string? Event { get; set; }
        public string? Outcome { get; set; }
        public string? Opinion { get; set; }
        public List<string>? Conditions { get; set; }
        public List<MaterialDefect>? MissingMaterials { get; set; }
        public string? Actor { get; set; }
        public bool CommitmentSigned { get; set; }
        public string? CertificateNumber { get; set; }
    }
}
