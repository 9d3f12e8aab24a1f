using Lakegate.Core.Definitions;
using Lakegate.Gateway.Steps.Throttle;

namespace Lakegate.Gateway.Tests.Steps;

public sealed class QuotaWindowTests
{
    [Theory]
    [InlineData("2026-03-04T23:59:59.9999999Z", QuotaPeriod.Day, "D2026-03-04", "2026-03-04", "2026-03-05")]
    [InlineData("2026-03-05T00:00:00Z", QuotaPeriod.Day, "D2026-03-05", "2026-03-05", "2026-03-06")]
    [InlineData("2026-03-04T12:00:00+05:00", QuotaPeriod.Day, "D2026-03-04", "2026-03-04", "2026-03-05")] // 07:00 UTC
    [InlineData("2026-03-04T02:00:00+05:00", QuotaPeriod.Day, "D2026-03-03", "2026-03-03", "2026-03-04")] // 21:00 UTC the day before
    [InlineData("2026-03-04T10:00:00Z", QuotaPeriod.Week, "W2026-03-02", "2026-03-02", "2026-03-09")] // Wednesday → Monday
    [InlineData("2026-03-08T23:59:59Z", QuotaPeriod.Week, "W2026-03-02", "2026-03-02", "2026-03-09")] // Sunday
    [InlineData("2026-03-09T00:00:00Z", QuotaPeriod.Week, "W2026-03-09", "2026-03-09", "2026-03-16")] // Monday
    [InlineData("2026-03-31T23:59:59Z", QuotaPeriod.Month, "M2026-03", "2026-03-01", "2026-04-01")]
    [InlineData("2026-12-15T00:00:00Z", QuotaPeriod.Month, "M2026-12", "2026-12-01", "2027-01-01")]
    [InlineData("2028-02-29T12:00:00Z", QuotaPeriod.Month, "M2028-02", "2028-02-01", "2028-03-01")]
    public void For_UtcBoundaries(string now, QuotaPeriod period, string id, string start, string end)
    {
        var window = QuotaWindow.For(period, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(id, window.Id);
        Assert.Equal(DateTimeOffset.Parse(start + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), window.Start);
        Assert.Equal(DateTimeOffset.Parse(end + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), window.End);
        Assert.True(window.Contains(window.Start));
        Assert.False(window.Contains(window.End));
    }
}
