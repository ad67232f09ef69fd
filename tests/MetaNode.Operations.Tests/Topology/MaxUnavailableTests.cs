using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>Max unavailable as a count or a percentage of a component's replicas.</summary>
public sealed class MaxUnavailableTests
{
    [Theory]
    [InlineData("1", 5, 1)]
    [InlineData("3", 2, 2)]
    [InlineData("25%", 5, 1)]
    [InlineData("40%", 5, 2)]
    [InlineData("100%", 5, 5)]
    [InlineData("10%", 3, 1)]
    [InlineData("2", 0, 0)]
    public void For_Replicas_RoundsDownButAtLeastOne(string text, int replicas, int expected)
    {
        Assert.True(MaxUnavailable.TryParse(text, out var value));

        Assert.Equal(expected, value.For(replicas));
        Assert.Equal(text, value.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0%")]
    [InlineData("101%")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("%")]
    [InlineData(null)]
    public void TryParse_NeitherPositiveCountNorPercentage_IsFalse(string? text)
    {
        Assert.False(MaxUnavailable.TryParse(text, out _));
    }
}
