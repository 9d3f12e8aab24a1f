using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>
/// The bucket arithmetic over many seeded random schedules: never more than burst + rate × elapsed
/// admitted, and under saturation never fewer than that minus one (a token still refilling).
/// </summary>
public sealed class TokenBucketTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 25; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Take_RandomSchedule_AdmitsWithinTheTokenBucketBound(int seed)
    {
        var random = new Random(seed);
        var rate = Math.Round(0.5 + (random.NextDouble() * 200), 3);
        var burst = random.Next(0, 50);
        var start = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var now = start;
        var bucket = new TokenBucket(burst, now);
        long admitted = 0;
        for (var i = 0; i < 5_000; i++)
        {
            now += random.Next(0, 3) == 0 ? random.Next(0, 20_000_000) : 0; // up to 2 s, often none
            var decision = bucket.Take(rate, burst, now);
            if (decision.Allowed)
            {
                admitted++;
                Assert.Equal(TimeSpan.Zero, decision.RetryAfter);
            }
            else
            {
                Assert.True(decision.RetryAfter > TimeSpan.Zero);
            }

            var elapsed = (now - start) / (double)TimeSpan.TicksPerSecond;
            Assert.True(admitted <= burst + (rate * elapsed) + 1e-6, $"seed {seed}: {admitted} admitted after {elapsed}s at {rate}/s burst {burst}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Take_Saturated_AdmitsTheFullBound(int seed)
    {
        var random = new Random(seed);
        var rate = random.Next(1, 100);

        // The bucket holds at most burst tokens: offered every 0.1 s, it can only admit the full rate if a step's refill fits.
        var burst = random.Next((rate / 10) + 1, 60);
        var start = 0L;
        var now = start;
        var bucket = new TokenBucket(burst, now);
        long admitted = 0;
        for (var step = 0; step < 200; step++)
        {
            // Offer more than can be admitted at each instant.
            for (var i = 0; i < burst + rate + 2; i++)
            {
                admitted += bucket.Take(rate, burst, now).Allowed ? 1 : 0;
            }

            now += TimeSpan.TicksPerSecond / 10;
        }

        var elapsed = (now - start - (TimeSpan.TicksPerSecond / 10)) / (double)TimeSpan.TicksPerSecond;
        var bound = burst + (rate * elapsed);
        Assert.InRange(admitted, bound - 1 - 1e-6, bound + 1e-6);
    }
}
