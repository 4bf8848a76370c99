using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// 大厅: a service hall of the district (<c>appt_halls</c>, docs/appointments.md). Its days come from the working calendar of its
/// jurisdiction (<see cref="CalendarId"/>): slots only on working days, make-up working days included; its hours and slot
/// plan are its own. Also the shape of a hall in the <c>Appointments:Halls</c> setting.
/// </summary>
public sealed class Hall : Messages.IBilingualName
{
    /// <summary>The hall's code, e.g. <c>HQ</c>; the key every window, appointment and ticket names.</summary>
    public string Code { get; set; } = "";
    /// <summary>The Chinese name, shown first.</summary>
    public string NameZh { get; set; } = "";
    /// <summary>The English name.</summary>
    public string NameEn { get; set; } = "";
    /// <summary>The id of the working calendar (<see cref="CalendarRegistry"/>) whose working days the hall opens on.</summary>
    public string CalendarId { get; set; } = "cn-mainland";
    /// <summary>
    /// Opening hours on a working day, periods separated by commas, e.g. <c>09:00-12:00,13:30-17:00</c> (each period as
    /// <see cref="OfficePeriod.Parse"/> reads it). Slots are cut from each period in turn.
    /// </summary>
    public string Hours { get; set; } = "09:00-12:00,13:30-17:00";
    /// <summary>The length of one slot in minutes; a period's remainder shorter than a slot is not offered.</summary>
    public int SlotMinutes { get; set; } = 30;
    /// <summary>How many appointments one slot of the hall takes, over all categories (预约名额).</summary>
    public int Capacity { get; set; } = 20;

    /// <summary>The opening periods of <see cref="Hours"/>, in order.</summary>
    /// <exception cref="FormatException">A period is not <c>HH:mm-HH:mm</c>.</exception>
    public IReadOnlyList<OfficePeriod> Periods() =>
        Hours.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(OfficePeriod.Parse).OrderBy(p => p.Start).ToList();
}
