namespace Lakegate.Gateway.Hosting;

/// <summary>The production random source: <see cref="Random.Shared"/> (thread-safe).</summary>
internal sealed class SystemRandomSource : IRandomSource
{
    public double NextDouble() => Random.Shared.NextDouble();
}
