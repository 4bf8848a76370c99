using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>反复退件: a supplement request that asked again for a material already in the file at the step's first request.</summary>
public sealed record RepeatedReturn(string StepId, string Department, string MaterialCode, string Actor, Instant At);
