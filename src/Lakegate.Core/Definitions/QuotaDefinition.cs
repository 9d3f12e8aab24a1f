namespace Lakegate.Core.Definitions;

/// <summary>At most <see cref="Limit"/> requests per key per <see cref="Period"/>.</summary>
public sealed record QuotaDefinition
{
    public long Limit { get; init; }

    public QuotaPeriod Period { get; init; } = QuotaPeriod.Day;

    /// <summary>
    /// Requests subtracted from the limit in the plan's initial period (the API reference's
    /// meaning; the initial period is the one in which Lakegate first stored the plan).
    /// </summary>
    public long Offset { get; init; }

    public SourcePosition? Position { get; init; }
}
