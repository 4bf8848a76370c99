using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Stores a NodaTime <see cref="Instant"/> as a 64-bit count of nanoseconds since the Unix epoch
/// (<c>INTEGER</c> on SQLite, <c>bigint</c> on PostgreSQL). Chosen because it keeps the full nanosecond
/// precision of an <see cref="Instant"/>, sorts and compares numerically on every provider (due timers are
/// found with <c>resume_at &lt;= @now</c> on an index) and needs no collation or time-zone handling.
/// </summary>
/// <remarks>
/// The representable range is 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z; storing an
/// instant outside it throws <see cref="ArgumentOutOfRangeException"/> naming the value. Modules map their
/// own <see cref="Instant"/> columns with this converter so that every table uses the same representation.
/// Nullable properties use the same converter: EF Core never passes null to a converter.
/// </remarks>
public sealed class InstantToUnixNanosecondsConverter()
    : ValueConverter<Instant, long>(instant => ToUnixNanoseconds(instant), nanoseconds => FromUnixNanoseconds(nanoseconds))
{
    /// <summary>The stored form of <paramref name="instant"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant lies outside the years 1677–2262.</exception>
    public static long ToUnixNanoseconds(Instant instant)
    {
        var sinceEpoch = instant - NodaConstants.UnixEpoch;
        if (sinceEpoch < MinSinceEpoch || sinceEpoch > MaxSinceEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant,
                $"Instant {instant} cannot be stored: the database keeps instants between {FromUnixNanoseconds(long.MinValue)} and {FromUnixNanoseconds(long.MaxValue)}.");
        }

        return sinceEpoch.ToInt64Nanoseconds();
    }

    /// <summary>The instant a stored value stands for.</summary>
    public static Instant FromUnixNanoseconds(long nanoseconds) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(nanoseconds);

    private static readonly Duration MinSinceEpoch = Duration.FromNanoseconds(long.MinValue);
    private static readonly Duration MaxSinceEpoch = Duration.FromNanoseconds(long.MaxValue);
}
