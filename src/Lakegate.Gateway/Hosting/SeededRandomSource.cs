namespace Lakegate.Gateway.Hosting;

/// <summary>A reproducible random source (tests, <c>--random-seed</c>). Serialised: draws happen in arrival order.</summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }
}
