using NodaTime;

namespace Workflow.Definitions.Appointments.Booking;

/// <summary>
/// One identity booked <see cref="AppointmentRules.IdentityBookingsPerDay"/> times in 24 hours (docs/appointments.md, *Rate
/// limits*); the Host answers 429 with <c>Retry-After</c>. Counted in the database, so every host sees the same count.
/// </summary>
public sealed class BookingThrottledException(Duration retryAfter) : Exception($"Too many bookings of one identity; retry after {retryAfter}.")
{
    /// <summary>How long until the oldest of the counted bookings is 24 hours old.</summary>
    public Duration RetryAfter { get; } = retryAfter;
}
