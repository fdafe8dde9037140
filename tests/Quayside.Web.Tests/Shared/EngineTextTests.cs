using Quayside.Web.Components.Shared;

namespace Quayside.Web.Tests.Shared;

public class EngineTextTests
{
    [Theory]
    [InlineData(0L, "default")]
    [InlineData(500_000_000L, "500ms")]
    [InlineData(1_000_000_000L, "1s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h")]
    public void Health_check_durations_read_like_docker_flags(long nanoseconds, string text) =>
        Assert.Equal(text, EngineText.Nanoseconds(nanoseconds));

    [Fact]
    public void The_engines_zero_time_reads_as_never()
    {
        Assert.Null(EngineText.Time("0001-01-01T00:00:00Z"));
        Assert.Equal(2026, EngineText.Time("2026-11-23T05:16:47.295019712Z")!.Value.Year);
    }
}
