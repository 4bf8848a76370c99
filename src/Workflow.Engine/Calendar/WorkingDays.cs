using System.Globalization;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A (possibly fractional, possibly negative) number of working days, as shown on pages: remaining time is
/// printed with one decimal, "还剩 2.5 个工作日" or, once negative, "超期 1.0 个工作日".
/// </summary>
/// <param name="Value">Working days; negative means past due.</param>
public readonly record struct WorkingDays(double Value)
{
    /// <summary>"还剩 N.N 个工作日" when ≥ 0, else "超期 N.N 个工作日" (one decimal, invariant culture).</summary>
    public string ToRemainingText() => Value >= 0
        ? $"还剩 {Value.ToString("0.0", CultureInfo.InvariantCulture)} 个工作日"
        : $"超期 {(-Value).ToString("0.0", CultureInfo.InvariantCulture)} 个工作日";

    /// <summary>The value with one decimal, invariant culture.</summary>
    public override string ToString() => Value.ToString("0.0", CultureInfo.InvariantCulture);
}
