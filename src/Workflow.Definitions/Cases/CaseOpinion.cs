using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>An opinion or decision given on a step, kept on the case for the record and the result.</summary>
public sealed record CaseOpinion(string StepId, string Department, string Actor, string Outcome, string? Text, IReadOnlyList<string> Conditions, Instant At);
