namespace Workflow.Definitions.Appointments.Booking;

/// <summary>What an applicant asks for (the API's and the booking page's form); every field is checked by <see cref="BookingDesk.BookAsync"/>.</summary>
/// <param name="Hall">The hall's code.</param>
/// <param name="Category">The service category's code.</param>
/// <param name="Date">The hall's local date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Start">The slot's local start, <c>HH:mm</c>.</param>
/// <param name="Name">The person who will come: full name (stored masked).</param>
/// <param name="Mobile">Their 11-digit mobile number (stored masked).</param>
/// <param name="IdNumber">Their 18-character ID-card number (stored only as a keyed hash).</param>
public sealed record BookingRequest(string? Hall, string? Category, string? Date, string? Start, string? Name, string? Mobile, string? IdNumber);

/// <summary>Who books: the signed-in agent's user name (null for the public) and the client's address (for the patterns).</summary>
/// <param name="Agent">The signed-in agent's user name, or null.</param>
/// <param name="Client">The client's address, or null.</param>
public sealed record Booker(string? Agent, string? Client);
