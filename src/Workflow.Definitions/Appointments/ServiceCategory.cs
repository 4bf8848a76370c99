namespace Workflow.Definitions.Appointments;

/// <summary>
/// 业务类别: what an applicant comes for (<c>appt_categories</c>), the same in every hall: its queue-number prefix letter and,
/// where the category overlaps the matter catalogue, the matters it covers (工程建设项目综合受理 → the permit matters;
/// 不动产登记 → none). Also the shape of a category in the <c>Appointments:Categories</c> setting.
/// </summary>
public sealed class ServiceCategory : Messages.IBilingualName
{
    /// <summary>The category's code, e.g. <c>PERMIT</c>.</summary>
    public string Code { get; set; } = "";
    /// <summary>The letter queue numbers of the category start with (A, B, C …), unique among categories.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>The Chinese name, shown first.</summary>
    public string NameZh { get; set; } = "";
    /// <summary>The English name.</summary>
    public string NameEn { get; set; } = "";
    /// <summary>Codes of the catalogue matters the category covers, comma-separated; empty when it covers none.</summary>
    public string Matters { get; set; } = "";

    /// <summary>The matter codes of <see cref="Matters"/>.</summary>
    public IReadOnlyList<string> MatterCodes() => ServiceWindow.Split(Matters);
}
