using NodaTime;
using Workflow.Definitions.Queueing;

namespace Workflow.Host.Web.Queueing;

/// <summary>A ticket as a window clerk sees it (docs/queueing.md, API).</summary>
public sealed record TicketView(long Id, string Number, string Hall, string Category, TicketSource Source, TicketState State, IReadOnlyList<string> PriorityReasons,
    string? ProjectCode, Instant? SlotStart, Instant? SlotEnd, Instant IssuedAt, Instant? CalledAt, string? Window, string? TargetWindow, int Calls, int Transfers,
    Instant? EndedAt, IReadOnlyList<string> Cases)
{
    public static TicketView Of(QueueTicketRow t) => new(t.Id, t.Number, t.Hall, t.Category, t.Source, t.State, Split(t.PriorityReasons), t.ProjectCode,
        t.SlotStart, t.SlotEnd, t.IssuedAt, t.CalledAt, t.Window, t.TargetWindow, t.Calls, t.Transfers, t.EndedAt, Split(t.Cases));

    internal static IReadOnlyList<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A ticket just issued, as printed for its holder: the number, the follow code (with the number it shows the position,
/// no sign-in), how many are ahead, and the address of the position page.
/// </summary>
public sealed record IssuedTicketView(string Number, string Code, string Hall, string Category, Instant IssuedAt, int Ahead, string FollowUrl);

/// <summary>What anyone holding a ticket's number and code sees: its state, how many are ahead, the window when called. Nothing else.</summary>
public sealed record PublicTicketView(string Number, string Hall, string Category, TicketState State, int Ahead, string? Window)
{
    public static PublicTicketView Of(TicketPosition p) => new(p.Ticket.Number, p.Ticket.Hall, p.Ticket.Category, p.Ticket.State, p.Ahead,
        p.Ticket.State == TicketState.Called ? p.Ticket.Window : null);
}

/// <summary>One call on a hall's display.</summary>
public sealed record CallView(long Id, string Number, string Window, bool Recall, Instant At)
{
    public static CallView Of(QueueCallRow c) => new(c.Id, c.Number, c.Window, c.Recall, c.At);
}

/// <summary>A hall's display: each window's latest call and the day's last calls, newest first; <c>version</c> grows with every call.</summary>
public sealed record BoardView(string Hall, IReadOnlyList<CallView> Current, IReadOnlyList<CallView> Recent, long Version)
{
    public static BoardView Of(HallBoard b) => new(b.Hall, b.Current.Select(CallView.Of).ToList(), b.Recent.Select(CallView.Of).ToList(), b.Version);
}

/// <summary>A window's desk: the ticket it serves and those it would call next, in calling order.</summary>
public sealed record WindowDeskView(string Hall, string Window, IReadOnlyList<string> Categories, TicketView? Serving, IReadOnlyList<TicketView> Waiting)
{
    public static WindowDeskView Of(WindowDesk d) => new(d.Window.Hall, d.Window.Number, d.Window.CategoryCodes(), d.Serving is null ? null : TicketView.Of(d.Serving),
        d.Waiting.Select(TicketView.Of).ToList());
}

/// <summary>The figures of one hall, window or category over a day or (<c>day</c> null) the period; times in minutes.</summary>
public sealed record QueueFigureView(QueueDimension Dimension, string Key, string? Day, int Issued, int Called, int Served, int NoShows,
    double? WaitP50, double? WaitP90, double? ServiceP50, double? ServiceP90)
{
    public static QueueFigureView Of(QueueFigureRow r) => new(r.Dimension, r.Key, r.Day, r.Issued, r.Called, r.Served, r.NoShows, r.WaitP50, r.WaitP90, r.ServiceP50, r.ServiceP90);
}

/// <summary>A kiosk's request for a ticket: the category, the holder's ID-card number, and optionally the project, a declared disability and an appointment id.</summary>
public sealed record TicketRequestBody(string? Category, string? IdNumber, string? ProjectCode, bool? Disabled, string? AppointmentId);

/// <summary>A transfer to another category and/or window of the same hall.</summary>
public sealed record TransferBody(string? ToCategory, string? ToWindow);

/// <summary>A case the ticket led to.</summary>
public sealed record TicketCaseBody(string? CaseId);
