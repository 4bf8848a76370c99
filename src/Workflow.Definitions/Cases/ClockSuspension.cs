using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>A time during which a clock stood still (补正 or 特别程序); open while <see cref="End"/> is null.</summary>
/// <param name="Start">When the clock stopped.</param>
/// <param name="End">When it ran again.</param>
/// <param name="Reason">Why, for the explanation shown to users.</param>
/// <param name="StepId">The step (or special-procedure activity) that caused it, if any.</param>
/// <param name="Procedure">The special procedure (特别程序) that holds the clocks; null for a supplement (补正).</param>
/// <param name="PlannedEnd">When a special procedure of fixed length ends (e.g. the end of a public notice period); null when it lasts until completed.</param>
public sealed record ClockSuspension(Instant Start, Instant? End, string Reason, string? StepId = null,
    // Left out when null (a supplement), so that the API's schema states an enum of names, as for every enum.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    SpecialProcedures.SpecialProcedureKind? Procedure = null, Instant? PlannedEnd = null);
