using MetaNode.Operations.Configuration;

namespace MetaNode.Operations.Tests.Configuration;

public sealed class DashboardOptionsValidatorTests
{
    private static IReadOnlyList<string> Validate(DashboardOptions options) =>
        new DashboardOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.Empty(Validate(new DashboardOptions()));
    }

    [Fact]
    public void Validate_UnknownProvider_NamesKeyAndAllowedValues()
    {
        var options = new DashboardOptions { Storage = new StorageOptions { Provider = "Oracle" } };

        var failure = Assert.Single(Validate(options));

        Assert.Equal("Dashboard:Storage:Provider: must be one of Sqlite (was 'Oracle')", failure);
    }

    [Fact]
    public void Validate_ProviderNameInOtherCase_IsAccepted()
    {
        Assert.Empty(Validate(new DashboardOptions { Storage = new StorageOptions { Provider = "sqlite" } }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_EmptyPath_NamesKey(string path)
    {
        var failure = Assert.Single(Validate(new DashboardOptions { Storage = new StorageOptions { Path = path } }));

        Assert.StartsWith("Dashboard:Storage:Path: must name the database file", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PathWithNulCharacter_NamesKey()
    {
        var failure = Assert.Single(Validate(new DashboardOptions { Storage = new StorageOptions { Path = "data/\0.db" } }));

        Assert.StartsWith("Dashboard:Storage:Path:", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void Validate_BusyTimeoutOutOfRange_NamesKeyAndBounds(int seconds)
    {
        var options = new DashboardOptions { Storage = new StorageOptions { BusyTimeout = TimeSpan.FromSeconds(seconds) } };

        var failure = Assert.Single(Validate(options));

        Assert.StartsWith("Dashboard:Storage:BusyTimeout: must be between 00:00:01 and 00:10:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEachKeyOnce()
    {
        var options = new DashboardOptions
        {
            Storage = new StorageOptions { Provider = "", Path = "", BusyTimeout = TimeSpan.Zero },
        };

        var failures = Validate(options);

        Assert.Equal(
            ["Dashboard:Storage:Provider", "Dashboard:Storage:Path", "Dashboard:Storage:BusyTimeout"],
            failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
    }
}
