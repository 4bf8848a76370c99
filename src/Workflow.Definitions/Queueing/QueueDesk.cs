using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Queueing;

/// <summary>What a kiosk or a check-in asks for: a ticket in <paramref name="Hall"/> for <paramref name="Category"/>.</summary>
public sealed record TicketRequest(string? Hall, string? Category, string? IdNumber, string? ProjectCode = null, bool Disabled = false,
    string? Agent = null, string? AppointmentId = null);

/// <summary>
/// The queue's actions (docs/queueing.md): issuing tickets (walk-in, or check-in of an appointment) with one numbering for
/// every hall, and a window's calls — next, recall, no-show, transfer, finish. Every change is one transaction; a
/// window's claim of a ticket is a conditional update that only one caller wins, on SQLite and PostgreSQL alike. The halls,
/// windows and categories are the appointments' (<see cref="HallDirectory"/>); so are the check-in and the ID-number hash.
/// </summary>
public sealed class QueueDesk(IDbContextFactory<WorkflowDbContext> contexts, HallDirectory halls, AppointmentCheckIn appointments,
    IdentityHasher hasher, QueueOptions options, IClock clock)
{
    /// <summary>The numbering day of <paramref name="instant"/>: its local date in <see cref="QueueOptions.Zone"/>.</summary>
    public string DayOf(Instant instant) => instant.InZone(options.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A walk-in ticket from the kiosk (现场取号).</summary>
    public async Task<QueueTicketRow> WalkInAsync(TicketRequest request, CancellationToken cancellationToken = default)
    {
        var (hall, category) = Place(await halls.SnapshotAsync(cancellationToken), request);
        var id = ValidIdNumber(request.IdNumber);
        var ticket = await DraftAsync(hall, category, id, request.ProjectCode, request.Disabled, request.Agent, cancellationToken);
        ticket.Source = TicketSource.WalkIn;
        return await IssueAsync(ticket, category, cancellationToken);
    }

    /// <summary>
    /// Checks in today's appointment of the holder of the ID-card number (<see cref="AppointmentCheckIn"/>: another number
    /// than the booked one is refused) and issues its ticket; the holder's open ticket again when they checked in already.
    /// Null when <see cref="TicketRequest.AppointmentId"/> names no appointment.
    /// </summary>
    public async Task<QueueTicketRow?> CheckInAsync(TicketRequest request, CancellationToken cancellationToken = default)
    {
        var (hall, category) = Place(await halls.SnapshotAsync(cancellationToken), request);
        var id = ValidIdNumber(request.IdNumber);
        var key = await hasher.HashIdentityAsync(id, cancellationToken);
        var day = DayOf(clock.GetCurrentInstant());
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var issued = await db.Set<QueueTicketRow>().AsNoTracking().FirstOrDefaultAsync(t => t.Day == day && t.Hall == hall.Code && t.Category == category.Code
                && t.HolderKey == key && t.Source == TicketSource.Appointment && (t.State == TicketState.Waiting || t.State == TicketState.Called), cancellationToken);
            if (issued is not null) return issued;
        }
        var appointment = request.AppointmentId is { Length: > 0 } appointmentId
            ? await appointments.CheckInByIdAsync(appointmentId, id, cancellationToken)
            : await appointments.CheckInAsync(hall.Code, category.Code, id, cancellationToken);
        if (appointment is null) return null;
        if (appointment.Hall != hall.Code || appointment.Category != category.Code)
            throw PermitRuleViolation.For("appointmentId", RuleCodes.QueueAppointmentElsewhere, appointment.Hall, appointment.Category);
        var ticket = await DraftAsync(hall, category, id, request.ProjectCode, request.Disabled, request.Agent ?? appointment.Agent, cancellationToken);
        ticket.Source = TicketSource.Appointment;
        ticket.AppointmentId = appointment.Id;
        (ticket.SlotStart, ticket.SlotEnd) = (appointment.SlotStart, appointment.SlotEnd);
        return await IssueAsync(ticket, category, cancellationToken);
    }

    // The ID-card number checked as the appointments check it (check character, birth date), in its normal form.
    private string ValidIdNumber(string? text)
    {
        var (number, error) = IdCardNumber.Normalize(text, clock.GetCurrentInstant().InZone(options.Zone).Date);
        return error is null ? number! : throw PermitRuleViolation.For("idNumber", error);
    }

    private static (Hall Hall, ServiceCategory Category) Place(HallSnapshot site, TicketRequest request)
    {
        var hall = site.FindHall(request.Hall) ?? throw PermitRuleViolation.For("hall", RuleCodes.QueueHallUnknown, request.Hall ?? "");
        var category = site.CategoriesOf(hall.Code).FirstOrDefault(c => c.Code == request.Category);
        return (hall, category ?? throw PermitRuleViolation.For("category", RuleCodes.QueueCategoryNotInHall, request.Category ?? "", hall.Code));
    }

    private async Task<QueueTicketRow> DraftAsync(Hall hall, ServiceCategory category, string idNumber, string? projectCode, bool disabled, string? agent,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var reasons = new List<QueuePriority>();
        projectCode = string.IsNullOrWhiteSpace(projectCode) ? null : projectCode.Trim();
        if (projectCode is not null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var project = await db.Set<ProjectRow>().AsNoTracking().Where(p => p.Code == projectCode).Select(p => new { p.GreenChannel }).FirstOrDefaultAsync(cancellationToken)
                ?? throw PermitRuleViolation.For("projectCode", RuleCodes.QueueProjectUnknown, projectCode);
            if (project.GreenChannel) reasons.Add(QueuePriority.GreenChannel);
        }
        if (Period.Between(IdCardNumber.BirthDate(idNumber), now.InZone(options.Zone).Date, PeriodUnits.Years).Years >= options.ElderlyAge) reasons.Add(QueuePriority.Elderly);
        if (disabled) reasons.Add(QueuePriority.Disabled);
        return new QueueTicketRow
        {
            Day = DayOf(now),
            Code = QueueNumbering.NewCode(),
            Hall = hall.Code,
            Category = category.Code,
            HolderKey = await hasher.HashIdentityAsync(idNumber, cancellationToken),
            ProjectCode = projectCode,
            Agent = agent,
            Priority = reasons.Sum(r => options.Priorities.GetValueOrDefault(r)),
            PriorityReasons = string.Join(",", reasons),
            State = TicketState.Waiting,
            IssuedAt = now,
        };
    }

    // The number and the ticket commit together or not at all, so a category's sequence has no gaps; concurrent issues
    // queue on the counter row (PostgreSQL's row lock, SQLite's one writer), so no number is drawn twice.
    private async Task<QueueTicketRow> IssueAsync(QueueTicketRow ticket, ServiceCategory category, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefuseSecondOpenTicketAsync(db, ticket, cancellationToken);
        ticket.Sequence = await QueueNumbering.DrawAsync(db, ticket.Day, category.Prefix, cancellationToken);
        ticket.Number = QueueNumbering.Format(category.Prefix, ticket.Sequence);
        db.Add(ticket);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The partial unique index saw another kiosk's ticket for the same holder commit first.
            await tx.RollbackAsync(cancellationToken);
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            await RefuseSecondOpenTicketAsync(again, ticket, cancellationToken);
            throw;
        }
        await tx.CommitAsync(cancellationToken);
        return ticket;
    }

    private static async Task RefuseSecondOpenTicketAsync(WorkflowDbContext db, QueueTicketRow ticket, CancellationToken cancellationToken, long except = 0)
    {
        var open = await db.Set<QueueTicketRow>().AsNoTracking()
            .Where(t => t.Id != except && t.Day == ticket.Day && t.Category == ticket.Category && t.HolderKey == ticket.HolderKey
                        && (t.State == TicketState.Waiting || t.State == TicketState.Called))
            .Select(t => t.Number).FirstOrDefaultAsync(cancellationToken);
        if (open is not null) throw QueueConflictException.For(RuleCodes.QueueTicketOpen, open);
    }

    /// <summary>
    /// The window calls its next ticket (<see cref="CallingOrder"/>) among the waiting tickets of its hall in the
    /// categories it serves (and those transferred to it); null when nobody is waiting. Two windows calling at once never
    /// get the same ticket: each claims with an update conditional on the ticket still waiting, and the loser moves on.
    /// </summary>
    public async Task<QueueTicketRow?> CallNextAsync(string? hall, string? windowNumber, string clerk, CancellationToken cancellationToken = default)
    {
        var window = await WindowAsync(hall, windowNumber, cancellationToken);
        var now = clock.GetCurrentInstant();
        var day = DayOf(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var serving = await db.Set<QueueTicketRow>().AsNoTracking().Where(t => t.Day == day && t.State == TicketState.Called && t.Hall == window.Hall && t.Window == window.Number)
            .Select(t => t.Number).FirstOrDefaultAsync(cancellationToken);
        if (serving is not null) throw QueueConflictException.For(RuleCodes.QueueWindowBusy, window.Number, serving);
        var waiting = await WaitingForAsync(db, window, day, cancellationToken);
        foreach (var candidate in CallingOrder.Sort(waiting, now))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            int claimed;
            try
            {
                claimed = await db.Set<QueueTicketRow>().Where(t => t.Id == candidate.Id && t.State == TicketState.Waiting)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TicketState.Called).SetProperty(t => t.Window, window.Number)
                        .SetProperty(t => t.TargetWindow, (string?)null).SetProperty(t => t.Clerk, clerk).SetProperty(t => t.CalledAt, now)
                        .SetProperty(t => t.FirstCalledAt, candidate.FirstCalledAt ?? now).SetProperty(t => t.Calls, t => t.Calls + 1), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The window's one-ticket-in-service index: another clerk at this window called first.
                throw QueueConflictException.For(RuleCodes.QueueWindowBusy, window.Number, "");
            }
            if (claimed == 0)
            {
                await tx.RollbackAsync(cancellationToken);
                continue;
            }
            db.Add(new QueueCallRow { Day = day, Hall = window.Hall, TicketId = candidate.Id, Number = candidate.Number, Window = window.Number, At = now });
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return await db.Set<QueueTicketRow>().AsNoTracking().SingleAsync(t => t.Id == candidate.Id, cancellationToken);
        }
        return null;
    }

    /// <summary>The tickets <paramref name="window"/> may call today, in no particular order.</summary>
    internal static Task<List<QueueTicketRow>> WaitingForAsync(WorkflowDbContext db, ServiceWindow window, string day, CancellationToken cancellationToken)
    {
        var categories = window.CategoryCodes().ToList();
        return db.Set<QueueTicketRow>().AsNoTracking()
            .Where(t => t.Day == day && t.Hall == window.Hall && t.State == TicketState.Waiting && categories.Contains(t.Category)
                        && (t.TargetWindow == null || t.TargetWindow == window.Number))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Calls the ticket the window is serving once more (the display shows it again).</summary>
    public async Task<QueueTicketRow> RecallAsync(long ticketId, string? hall, string? windowNumber, CancellationToken cancellationToken = default)
    {
        var window = await WindowAsync(hall, windowNumber, cancellationToken);
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await ServedHereAsync(db, ticketId, window, cancellationToken);
        ticket.Calls++;
        db.Add(new QueueCallRow { Day = ticket.Day, Hall = ticket.Hall, TicketId = ticket.Id, Number = ticket.Number, Window = window.Number, Recall = true, At = now });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ticket;
    }

    /// <summary>The holder did not come (过号): the ticket ends, and an appointment's no-show is recorded with the appointments.</summary>
    public async Task<QueueTicketRow> NoShowAsync(long ticketId, string? hall, string? windowNumber, CancellationToken cancellationToken = default)
    {
        var ticket = await EndAsync(ticketId, hall, windowNumber, TicketState.NoShow, cancellationToken);
        if (ticket.AppointmentId is { } appointment) await appointments.RecordNoShowAsync(appointment, cancellationToken);
        return ticket;
    }

    /// <summary>
    /// The window finished serving the ticket. The cases of the holder's project filed or accepted while it was being
    /// served are recorded on it (the intake the clerk opened from the ticket), with any linked before.
    /// </summary>
    public async Task<QueueTicketRow> FinishAsync(long ticketId, string? hall, string? windowNumber, CancellationToken cancellationToken = default) =>
        await EndAsync(ticketId, hall, windowNumber, TicketState.Served, cancellationToken);

    private async Task<QueueTicketRow> EndAsync(long ticketId, string? hall, string? windowNumber, TicketState end, CancellationToken cancellationToken)
    {
        var window = await WindowAsync(hall, windowNumber, cancellationToken);
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await ServedHereAsync(db, ticketId, window, cancellationToken);
        ticket.State = end;
        ticket.EndedAt = now;
        if (end == TicketState.Served && ticket.ProjectCode is { } code)
        {
            var since = ticket.CalledAt ?? ticket.IssuedAt;
            var cases = await (from c in db.Set<CaseRow>().AsNoTracking()
                    join p in db.Set<ProjectRow>().AsNoTracking() on c.ProjectId equals p.Id
                    where p.Code == code && ((c.SubmittedAt >= since && c.SubmittedAt <= now) || (c.AcceptedAt >= since && c.AcceptedAt <= now))
                    select c.Id).ToListAsync(cancellationToken);
            ticket.Cases = JoinCases(ticket.Cases, cases);
        }
        await SaveStateChangeAsync(db, ticket, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ticket;
    }

    /// <summary>
    /// Sends the ticket the window is serving to another category (of the same hall) and/or another window: it waits
    /// again, keeps its number and its place by issue, and only the target window (when named) calls it.
    /// </summary>
    public async Task<QueueTicketRow> TransferAsync(long ticketId, string? hall, string? windowNumber, string? toCategory, string? toWindow, CancellationToken cancellationToken = default)
    {
        var site = await halls.SnapshotAsync(cancellationToken);
        var window = FindWindow(site, hall, windowNumber) ?? throw PermitRuleViolation.For("window", RuleCodes.QueueWindowUnknown, windowNumber ?? "");
        if (string.IsNullOrWhiteSpace(toCategory) && string.IsNullOrWhiteSpace(toWindow))
            throw PermitRuleViolation.For("category", RuleCodes.QueueTransferTarget);
        ServiceWindow? target = null;
        if (!string.IsNullOrWhiteSpace(toWindow))
            target = FindWindow(site, window.Hall, toWindow.Trim()) ?? throw PermitRuleViolation.For("toWindow", RuleCodes.QueueWindowUnknown, toWindow);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await ServedHereAsync(db, ticketId, window, cancellationToken);
        var category = string.IsNullOrWhiteSpace(toCategory) ? ticket.Category : toCategory.Trim();
        if (!site.Serves(window.Hall, category)) throw PermitRuleViolation.For("toCategory", RuleCodes.QueueCategoryNotInHall, category, window.Hall);
        if (target is not null && !target.CategoryCodes().Contains(category)) throw PermitRuleViolation.For("toWindow", RuleCodes.QueueWindowCategory, target.Number, category);
        ticket.State = TicketState.Waiting;
        ticket.Category = category;
        ticket.TargetWindow = target?.Number;
        ticket.Transfers++;
        await RefuseSecondOpenTicketAsync(db, ticket, cancellationToken, except: ticket.Id);
        await SaveStateChangeAsync(db, ticket, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ticket;
    }

    /// <summary>Records that the ticket led to case <paramref name="caseId"/> (a case filed from the ticket's intake).</summary>
    public async Task<QueueTicketRow> LinkCaseAsync(long ticketId, string? caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.Set<QueueTicketRow>().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken)
            ?? throw new KeyNotFoundException($"ticket {ticketId}");
        if (!await db.Set<CaseRow>().AnyAsync(c => c.Id == caseId, cancellationToken)) throw PermitRuleViolation.For("caseId", RuleCodes.QueueCaseUnknown, caseId ?? "");
        ticket.Cases = JoinCases(ticket.Cases, [caseId!]);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ticket;
    }

    private static string JoinCases(string existing, IEnumerable<string> more) =>
        string.Join(",", existing.Split(',', StringSplitOptions.RemoveEmptyEntries).Concat(more).Distinct());

    private async Task<ServiceWindow> WindowAsync(string? hall, string? number, CancellationToken cancellationToken) =>
        FindWindow(await halls.SnapshotAsync(cancellationToken), hall, number) ?? throw PermitRuleViolation.For("window", RuleCodes.QueueWindowUnknown, number ?? "");

    /// <summary>Window <paramref name="number"/> of <paramref name="hall"/>, or null.</summary>
    public static ServiceWindow? FindWindow(HallSnapshot site, string? hall, string? number) =>
        hall is null ? null : site.WindowsOf(hall).FirstOrDefault(w => w.Number == number);

    // Loads the ticket for a change only when this window is serving it; otherwise says why not.
    private static async Task<QueueTicketRow> ServedHereAsync(WorkflowDbContext db, long ticketId, ServiceWindow window, CancellationToken cancellationToken)
    {
        var ticket = await db.Set<QueueTicketRow>().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken) ?? throw new KeyNotFoundException($"ticket {ticketId}");
        if (ticket.State != TicketState.Called) throw QueueConflictException.For(RuleCodes.QueueTicketState, ticket.Number, ticket.State.ToString());
        if (ticket.Hall != window.Hall || ticket.Window != window.Number) throw QueueConflictException.For(RuleCodes.QueueTicketOtherWindow, ticket.Number, ticket.Window ?? "");
        return ticket;
    }

    // The state a change read must still be there when it is written: a concurrent change of the same ticket
    // (another host's clerk) makes this one a conflict instead of a lost update.
    private static async Task SaveStateChangeAsync(WorkflowDbContext db, QueueTicketRow ticket, CancellationToken cancellationToken)
    {
        var entry = db.Entry(ticket);
        var readState = (TicketState)entry.Property(t => t.State).OriginalValue!;
        var readWindow = (string?)entry.Property(t => t.Window).OriginalValue;
        var changed = await db.Set<QueueTicketRow>().Where(t => t.Id == ticket.Id && t.State == readState && t.Window == readWindow)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, ticket.State).SetProperty(t => t.Category, ticket.Category)
                .SetProperty(t => t.TargetWindow, ticket.TargetWindow).SetProperty(t => t.Transfers, ticket.Transfers)
                .SetProperty(t => t.EndedAt, ticket.EndedAt).SetProperty(t => t.Cases, ticket.Cases), cancellationToken);
        if (changed == 0) throw QueueConflictException.For(RuleCodes.QueueTicketState, ticket.Number, "?");
    }
}
