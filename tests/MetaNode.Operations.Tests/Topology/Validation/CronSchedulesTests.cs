using System.Diagnostics;
using MetaNode.Operations.Topology.Design.Validation;

namespace MetaNode.Operations.Tests.Topology.Validation;

/// <summary>How far apart a schedule's runs can be, measured over a sample year.</summary>
public sealed class CronSchedulesTests
{
    [Theory]
    [InlineData("0 2 * * *", 24 * 60)]
    [InlineData("0 */6 * * *", 6 * 60)]
    [InlineData("0 2 * * 0", 7 * 24 * 60)]
    [InlineData("0 0 1 * *", 31 * 24 * 60)]
    [InlineData("0 0,20 * * *", 20 * 60)]
    [InlineData("0 0 29 2 *", 1461 * 24 * 60)]
    [InlineData("* * * 1 *", (335 * 24 * 60) + 1)]
    public void LargestGap_BeyondTheThreshold_IsExact(string cron, int minutes)
    {
        Assert.True(CronSchedules.TryParse(cron, out var expression, out _));

        Assert.Equal(TimeSpan.FromMinutes(minutes), CronSchedules.LargestGap(expression!, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void LargestGap_EveryMinuteAgainstAnHour_IsWithinTheHourAndQuick()
    {
        Assert.True(CronSchedules.TryParse("* * * * *", out var expression, out _));
        var watch = Stopwatch.StartNew();

        var gap = CronSchedules.LargestGap(expression!, TimeSpan.FromHours(1));

        Assert.True(gap <= TimeSpan.FromHours(1));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void LargestGap_NeverRunning_IsNull()
    {
        Assert.True(CronSchedules.TryParse("0 0 31 4 *", out var expression, out _));

        Assert.Null(CronSchedules.LargestGap(expression!, TimeSpan.FromHours(1)));
        Assert.False(CronSchedules.EverRuns(expression!, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0 2 * *")]
    [InlineData("0 2 * * * *")]
    [InlineData("61 2 * * *")]
    public void TryParse_NotFiveValidFields_GivesAReason(string text)
    {
        Assert.False(CronSchedules.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
