namespace Workflow.Definitions.Catalogue;

/// <summary>A material a matter requires (申请材料).</summary>
/// <param name="Code">Unique within the matter.</param>
/// <param name="Name">What the applicant hands in.</param>
/// <param name="Kind">Core or waivable.</param>
/// <param name="CommitmentWorkingDays">For a waivable material: the working days the applicant has to supply it after acceptance with waiver; null for core materials.</param>
/// <param name="EnglishName">The name in the English UI; the Chinese name when the catalogue gives none.</param>
public sealed record MaterialRequirement(string Code, string Name, MaterialKind Kind, int? CommitmentWorkingDays = null, string? EnglishName = null);
