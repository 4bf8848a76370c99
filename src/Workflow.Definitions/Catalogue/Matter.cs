namespace Workflow.Definitions.Catalogue;

/// <summary>
/// One approval item of the matter catalogue (事项目录) with the "six unified" elements: name, sub-item,
/// legal basis, time limits, materials and form. Limits are in working days on the jurisdiction's calendar.
/// </summary>
/// <param name="Code">Unique code, e.g. <c>ZRZY-002</c>.</param>
/// <param name="Name">事项名称.</param>
/// <param name="SubItem">子项名称, or null when the matter has none.</param>
/// <param name="LegalBasis">设定依据.</param>
/// <param name="Department">Code of the department that decides it.</param>
/// <param name="Stage">The stage it belongs to.</param>
/// <param name="StatutoryLimit">法定时限 in working days.</param>
/// <param name="PromisedLimit">承诺时限 in working days; never above the statutory limit.</param>
/// <param name="GreenChannelPromisedLimit">The shorter promised limit for key projects (绿色通道); never above <paramref name="PromisedLimit"/>.</param>
/// <param name="Materials">What the applicant must hand in.</param>
/// <param name="FormFields">The application form.</param>
/// <param name="Prerequisites">Codes of matters that must be decided before this one (前置事项); never a cycle.</param>
/// <param name="EnglishName">The name in the English UI; the Chinese name when the catalogue gives none.</param>
public sealed record Matter(
    string Code,
    string Name,
    string? SubItem,
    string LegalBasis,
    string Department,
    Stage Stage,
    int StatutoryLimit,
    int PromisedLimit,
    int GreenChannelPromisedLimit,
    IReadOnlyList<MaterialRequirement> Materials,
    IReadOnlyList<FormField> FormFields,
    IReadOnlyList<string> Prerequisites,
    string? EnglishName = null)
{
    /// <summary>The promised limit that applies to a case: the green-channel one for key projects.</summary>
    public int PromisedLimitFor(bool greenChannel) => greenChannel ? GreenChannelPromisedLimit : PromisedLimit;
}
