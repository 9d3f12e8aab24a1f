namespace Lakegate.Gateway.Hosting;

/// <summary>Randomness for traffic decisions (canary draws), injected so tests can seed it.</summary>
public interface IRandomSource
{
    /// <summary>A value in [0, 1).</summary>
    double NextDouble();
}
