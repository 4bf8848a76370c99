namespace Workflow.Definitions.Appointments;

/// <summary>
/// 窗口: a window of a hall (<c>appt_windows</c>) and the service categories it serves. A hall offers a category for booking
/// when at least one of its windows serves it. Also the shape of a window in the <c>Appointments:Windows</c> setting.
/// </summary>
public sealed class ServiceWindow : Messages.IBilingualName
{
    /// <summary>The code of the <see cref="Appointments.Hall"/> the window is in.</summary>
    public string Hall { get; set; } = "";
    /// <summary>The window's number in its hall, e.g. <c>3</c> (shown on the display page as 3号窗口).</summary>
    public string Number { get; set; } = "";
    /// <summary>The Chinese name, e.g. 综合受理窗口.</summary>
    public string NameZh { get; set; } = "";
    /// <summary>The English name.</summary>
    public string NameEn { get; set; } = "";
    /// <summary>The codes of the <see cref="ServiceCategory">categories</see> the window serves, comma-separated.</summary>
    public string Categories { get; set; } = "";

    /// <summary>The category codes of <see cref="Categories"/>.</summary>
    public IReadOnlyList<string> CategoryCodes() => Split(Categories);

    internal static IReadOnlyList<string> Split(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
