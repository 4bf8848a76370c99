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
    /// <summary>The default of <see cref="IntakeLimit"/>: five working days (《行政许可法》第三十二条).</summary>
    public const int DefaultIntakeLimit = 5;

    /// <summary>The default of <see cref="ResubmissionLimit"/> (a sample value; jurisdictions set their own).</summary>
    public const int DefaultResubmissionLimit = 10;

    /// <summary>
    /// Working days the window has to accept, refuse or ask for everything missing (受理时限, catalogue <c>intakeLimit</c>);
    /// when it passes with no decision, <see cref="IntakeLapse"/> applies (docs/domain.md, *The intake clock*).
    /// </summary>
    public int IntakeLimit { get; init; } = DefaultIntakeLimit;

    /// <summary>What happens when the intake clock runs out undecided (catalogue <c>intakeLapse</c>); by law the application is deemed accepted.</summary>
    public IntakeLapse IntakeLapse { get; init; } = IntakeLapse.DeemedAccepted;

    /// <summary>Working days the applicant has to hand in what a one-time notice asks for (补正期限, catalogue <c>resubmissionLimit</c>).</summary>
    public int ResubmissionLimit { get; init; } = DefaultResubmissionLimit;

    /// <summary>The promised limit that applies to a case: the green-channel one for key projects.</summary>
    public int PromisedLimitFor(bool greenChannel) => greenChannel ? GreenChannelPromisedLimit : PromisedLimit;
}
