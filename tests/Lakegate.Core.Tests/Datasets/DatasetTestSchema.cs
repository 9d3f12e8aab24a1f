using Lakegate.Core.Datasets;

namespace Lakegate.Core.Tests.Datasets;

/// <summary>An inventory-like schema (a <c>secret</c> column exists in the files but is not exposed).</summary>
internal static class DatasetTestSchema
{
    public static readonly DatasetSchema Inventory = new(
        "inventory",
        [
            new DatasetColumn("sku", "VARCHAR", DatasetValueType.String),
            new DatasetColumn("region", "VARCHAR", DatasetValueType.String),
            new DatasetColumn("qty", "INTEGER", DatasetValueType.Integer),
            new DatasetColumn("price", "DECIMAL(10,2)", DatasetValueType.Decimal),
            new DatasetColumn("score", "DOUBLE", DatasetValueType.Double),
            new DatasetColumn("day", "DATE", DatasetValueType.Date),
            new DatasetColumn("updated_at", "TIMESTAMP", DatasetValueType.Timestamp),
            new DatasetColumn("active", "BOOLEAN", DatasetValueType.Boolean),
            new DatasetColumn("odd \"name\"", "VARCHAR", DatasetValueType.String),
        ],
        ["sku"]);

    public static readonly QueryLimits Limits = new() { DefaultPageSize = 100, MaxPageSize = 1000, MaxOffset = 500 };

    public static List<KeyValuePair<string, string>> Query(params string[] pairs) =>
        [.. pairs.Select(p => p.IndexOf('=') is var eq and >= 0 ? new KeyValuePair<string, string>(p[..eq], p[(eq + 1)..]) : new KeyValuePair<string, string>(p, string.Empty))];

    public static DatasetQuery Parse(params string[] pairs)
    {
        var query = DatasetQueryParser.Parse(Query(pairs), Inventory, Limits, out var error);
        Assert.True(query is not null, error?.Message);
        return query!;
    }

    public static QueryError Refuse(params string[] pairs)
    {
        var query = DatasetQueryParser.Parse(Query(pairs), Inventory, Limits, out var error);
        Assert.True(query is null, $"expected a refusal for {string.Join("&", pairs)}");
        return error!;
    }
}
