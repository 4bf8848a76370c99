using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>A time during which a clock stood still (补正 or 特别程序); open while <see cref="End"/> is null.</summary>
/// <param name="Start">When the clock stopped.</param>
/// <param name="End">When it ran again.</param>
/// <param name="Reason">Why, for the explanation shown to users.</param>
/// <param name="StepId">The step that caused it, if any.</param>
public sealed record ClockSuspension(Instant Start, Instant? End, string Reason, string? StepId = null);
