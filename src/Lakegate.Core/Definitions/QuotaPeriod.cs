namespace Lakegate.Core.Definitions;

/// <summary>The window a usage-plan quota counts in; windows start at 00:00 UTC (weeks on Monday, months on the 1st).</summary>
public enum QuotaPeriod
{
    Day,
    Week,
    Month,
}
