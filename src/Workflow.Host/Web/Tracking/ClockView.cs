using System.Globalization;
using NodaTime;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Tracking;

/// <summary>
/// One deadline clock read for a page (docs/calendars.md, The deadline rule): remaining working days with one decimal
/// ("还剩 2.5 个工作日" / "超期 1.0 个工作日"), the level, the due instant in the jurisdiction's zone, and whether it
/// stands still or touches provisional calendar dates.
/// </summary>
public sealed record ClockView(string Name, DeadlineStatus Status, DateTimeZone Zone)
{
    /// <summary>Remaining time in the page's language.</summary>
    public string RemainingText => !Ui.IsEnglish
        ? Status.Remaining.ToRemainingText()
        : Status.Remaining.Value >= 0
            ? $"{Status.Remaining.Value.ToString("0.0", CultureInfo.InvariantCulture)} working days left"
            : $"overdue by {(-Status.Remaining.Value).ToString("0.0", CultureInfo.InvariantCulture)} working days";

    public string DueText => PageTime.Format(Status.Due, Zone);

    /// <summary>The CSS class of the level: <c>normal</c>, <c>warning</c> or <c>overdue</c>.</summary>
    public string LevelClass => Status.Level.ToString().ToLowerInvariant();

    public string LevelText => Labels.Level(Status.Level);
}
