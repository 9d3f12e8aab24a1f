using System.Globalization;
using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>
/// One quota period in UTC: days from 00:00, weeks from Monday 00:00, months from the 1st.
/// <see cref="Id"/> names the window in counter keys.
/// </summary>
public readonly record struct QuotaWindow(string Id, DateTimeOffset Start, DateTimeOffset End)
{
    public static QuotaWindow For(QuotaPeriod period, DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        switch (period)
        {
            case QuotaPeriod.Week:
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return new QuotaWindow("W" + monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), monday, monday.AddDays(7));
            case QuotaPeriod.Month:
                var first = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
                return new QuotaWindow("M" + first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, first.AddMonths(1));
            default:
                return new QuotaWindow("D" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day, day.AddDays(1));
        }
    }

    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}
