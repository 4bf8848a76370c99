namespace Workflow.Definitions.Intake;

/// <summary>A waivable material accepted as missing under commitment, and how long the applicant has to supply it.</summary>
public sealed record WaivedMaterial(string MatterCode, string MaterialCode, string MaterialName, int CommitmentWorkingDays);
