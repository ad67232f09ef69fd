using Xunit;

namespace MetaNode.Testing;

/// <summary>
/// Guards tests that need something outside the process (chromium, a Docker daemon). Run by
/// hand, a missing prerequisite skips the test with the reason; under <c>tests/run.sh</c>
/// (<c>METANODE_REQUIRE_ALL=1</c>) it fails, so no test can pass by not running.
/// </summary>
public static class Prerequisite
{
    /// <summary>The environment variable <c>tests/run.sh</c> sets.</summary>
    public const string RequireAllVariable = "METANODE_REQUIRE_ALL";

    /// <summary>True when skipping is forbidden.</summary>
    public static bool RequireAll => Environment.GetEnvironmentVariable(RequireAllVariable) == "1";

    /// <summary>Skips (by hand) or fails (under run.sh) unless <paramref name="available"/>.</summary>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (RequireAll)
        {
            Assert.Fail($"{reason} ({RequireAllVariable}=1 forbids skipping)");
        }

        Assert.Skip(reason);
    }
}
