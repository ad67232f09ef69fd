using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>FsCheck from xunit: a fixed seed, so a run is repeatable and a failure names the case it shrank to.</summary>
internal static class Properties
{
    private static readonly Config Settings = Config.QuickThrowOnFailure
        .WithMaxTest(300)
        .WithQuietOnSuccess(true)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261127UL, 7919UL), FSharpOption<int>.None)));

    public static void Hold<T>(Gen<T> generator, Func<T, bool> property, int tests = 300) =>
        Check.One(Settings.WithMaxTest(tests), Prop.ForAll(generator.ToArbitrary(), property));
}
