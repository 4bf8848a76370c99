using NodaTime;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// The order in which waiting tickets are called (docs/queueing.md, *Calling order*): higher priority first
/// (<see cref="QueueOptions.Priorities"/>), then appointments whose slot is running at <c>now</c>, then by issue
/// (walk-ins, and appointments early or late for their slot, in the order they took their tickets). The one place the
/// order is decided: the window's claim and a holder's position both sort with it.
/// </summary>
public static class CallingOrder
{
    /// <summary>The waiting tickets in calling order at <paramref name="now"/>.</summary>
    public static IEnumerable<QueueTicketRow> Sort(IEnumerable<QueueTicketRow> waiting, Instant now) =>
        waiting.OrderByDescending(t => t.Priority).ThenByDescending(t => InSlot(t, now)).ThenBy(t => t.Id);

    /// <summary>Whether <paramref name="ticket"/> is an appointment whose slot is running at <paramref name="now"/>.</summary>
    public static bool InSlot(QueueTicketRow ticket, Instant now) =>
        ticket.Source == TicketSource.Appointment && ticket.SlotStart <= now && now < ticket.SlotEnd;
}
