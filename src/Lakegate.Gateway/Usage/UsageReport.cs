using System.Globalization;
using System.Text.Json.Serialization;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Usage;

/// <summary>
/// API Gateway's GetUsage answer: per key of the plan, one <c>[used, remaining]</c> pair per day
/// from <see cref="StartDate"/> to <see cref="EndDate"/>. Remaining is the quota left in that day's
/// quota period after that day (0 when the plan has no quota).
/// </summary>
public sealed record UsageReport(
    [property: JsonPropertyName("usagePlanId")] string UsagePlanId,
    [property: JsonPropertyName("startDate")] string StartDate,
    [property: JsonPropertyName("endDate")] string EndDate,
    [property: JsonPropertyName("values")] IReadOnlyDictionary<string, long[][]> Values)
{
    /// <summary>GetUsage allows at most this many days per call.</summary>
    public const int MaxDays = 90;

    /// <summary>Builds the report, or null when the store holds no plan of that name.</summary>
    public static async Task<UsageReport?> BuildAsync(IDefinitionStore store, string planName, DateOnly from, DateOnly to, string? keyId, CancellationToken cancellationToken)
    {
        var plan = (await store.GetUsagePlansAsync(cancellationToken)).Plans.FirstOrDefault(p => p.Name == planName);
        if (plan is null)
        {
            return null;
        }

        QuotaPeriod? period = plan.Quota?.Period switch
        {
            "DAY" => QuotaPeriod.Day,
            "WEEK" => QuotaPeriod.Week,
            "MONTH" => QuotaPeriod.Month,
            _ => null,
        };

        // Remaining needs what was used earlier in the first day's quota period, before the range starts.
        var firstWindow = period is { } p ? QuotaWindow.For(p, At(from)) : new QuotaWindow(string.Empty, At(from), At(from));
        var records = await store.GetUsageAsync(planName, DateOnly.FromDateTime(firstWindow.Start.UtcDateTime), to, cancellationToken);
        var counts = records.ToDictionary(r => (r.KeyName, r.Day), r => r.Count);
        var keys = plan.Keys.Concat(records.Select(r => r.KeyName)).Distinct(StringComparer.Ordinal)
            .Where(k => keyId is null || k == keyId)
            .Order(StringComparer.Ordinal);

        var values = new SortedDictionary<string, long[][]>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var days = new List<long[]>();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var used = counts.GetValueOrDefault((key, day));
                long remaining = 0;
                if (period is { } quotaPeriod)
                {
                    var window = QuotaWindow.For(quotaPeriod, At(day));
                    var limit = plan.Quota!.Limit - (window.Contains(plan.CreatedAt) ? plan.Quota.Offset : 0);
                    var usedInWindow = 0L;
                    for (var d = DateOnly.FromDateTime(window.Start.UtcDateTime); d <= day; d = d.AddDays(1))
                    {
                        usedInWindow += counts.GetValueOrDefault((key, d));
                    }

                    remaining = Math.Max(0, limit - usedInWindow);
                }

                days.Add([used, remaining]);
            }

            values[key] = [.. days];
        }

        return new UsageReport(planName, Format(from), Format(to), values);
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
