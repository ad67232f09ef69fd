using FsCheck.Fluent;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>Durations as operators write them.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(2_000, "2s")]
    [InlineData(300_000, "5m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(86_400_000, "24h")]
    [InlineData(-2_000, "-2s")]
    [InlineData(90_500, "1m30s500ms")]
    public void Format_Milliseconds_ReadsAsUnits(long milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData(" 2s ", 2_000)]
    [InlineData("-5m", -300_000)]
    public void TryParse_Units_Sum(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("2")]
    [InlineData("1.5s")]
    [InlineData("2 s")]
    [InlineData("5M")]
    [InlineData("PT5M")]
    [InlineData("00:00:05")]
    [InlineData("s")]
    [InlineData("9999999999999d")]
    [InlineData("999999999999d")]
    public void TryParse_NotADuration_SaysHowToWriteOne(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void FormatThenParse_AnyWholeMilliseconds_GivesTheSameDuration()
    {
        var durations = Gen.Choose(-1_000_000, 1_000_000).SelectMany(a => Gen.Choose(0, 1_000_000), (a, b) => TimeSpan.FromMilliseconds(((long)a * 1_000_000) + b));

        Properties.Hold(durations, d => DurationText.TryParse(DurationText.Format(d), out var back, out _) && back == d);
    }
}
