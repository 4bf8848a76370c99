using NodaTime;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// One call (叫号) or recall in <c>queue_calls</c>: what the hall's display shows. Rows are only ever added, so a display
/// on any host sees a new call as a change of the hall's count of rows (docs/queueing.md, *Live display across hosts*).
/// </summary>
public sealed class QueueCallRow
{
    /// <summary>Increasing id.</summary>
    public long Id { get; set; }
    /// <summary>The local day, <c>yyyy-MM-dd</c>.</summary>
    public string Day { get; set; } = "";
    /// <summary>The hall's code.</summary>
    public string Hall { get; set; } = "";
    /// <summary>The ticket called.</summary>
    public long TicketId { get; set; }
    /// <summary>The ticket's number.</summary>
    public string Number { get; set; } = "";
    /// <summary>The window the holder is asked to.</summary>
    public string Window { get; set; } = "";
    /// <summary>True for a recall of the same ticket.</summary>
    public bool Recall { get; set; }
    /// <summary>When.</summary>
    public Instant At { get; set; }
}
