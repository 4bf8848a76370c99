using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

public sealed class InstantConverterTests
{
    [Fact]
    public void Round_trips_to_the_nanosecond_and_sorts_like_the_instants()
    {
        var instants = new[]
        {
            Instant.FromUtc(1970, 1, 1, 0, 0).PlusNanoseconds(-1),
            NodaConstants.UnixEpoch,
            Instant.FromUtc(2026, 3, 2, 1, 0, 0).PlusNanoseconds(1),
            Instant.FromUtc(2026, 3, 2, 1, 0, 0).PlusNanoseconds(2),
            Instant.FromUtc(2262, 4, 11, 0, 0),
        };

        var stored = instants.Select(InstantToUnixNanosecondsConverter.ToUnixNanoseconds).ToList();

        stored.Select(InstantToUnixNanosecondsConverter.FromUnixNanoseconds).Should().Equal(instants);
        stored.Should().BeInAscendingOrder();
        stored[1].Should().Be(0);
    }

    [Fact]
    public void An_instant_outside_the_storable_range_is_named()
    {
        var act = () => InstantToUnixNanosecondsConverter.ToUnixNanoseconds(Instant.FromUtc(2300, 1, 1, 0, 0));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2300-01-01T00:00:00Z*cannot be stored*1677*2262*");
    }
}
