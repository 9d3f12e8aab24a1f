using System.Text.RegularExpressions;

namespace Lakegate.Core.Datasets;

/// <summary>
/// DuckDB type names the gateway serves, and the casts <c>select=col::type</c> may ask for. Nested
/// types (LIST, STRUCT, MAP) and BLOB are not served: filters and writers would need rules for them.
/// </summary>
public static partial class DatasetTypes
{
    /// <summary>The <c>::cast</c> allowlist of the grammar, and the DuckDB type each names.</summary>
    public static readonly IReadOnlyDictionary<string, (string Sql, DatasetValueType Type)> Casts = new Dictionary<string, (string, DatasetValueType)>(StringComparer.Ordinal)
    {
        ["text"] = ("VARCHAR", DatasetValueType.String),
        ["int"] = ("INTEGER", DatasetValueType.Integer),
        ["bigint"] = ("BIGINT", DatasetValueType.Integer),
        ["double"] = ("DOUBLE", DatasetValueType.Double),
        ["decimal"] = ("DECIMAL(38,10)", DatasetValueType.Decimal),
        ["date"] = ("DATE", DatasetValueType.Date),
        ["timestamp"] = ("TIMESTAMP", DatasetValueType.Timestamp),
        ["boolean"] = ("BOOLEAN", DatasetValueType.Boolean),
    };

    /// <summary>Maps a DuckDB type name (as DESCRIBE prints it) to how it is served; null = not served.</summary>
    public static DatasetValueType? FromSqlType(string sqlType)
    {
        var upper = sqlType.Trim().ToUpperInvariant();
        if (DecimalPattern().IsMatch(upper))
        {
            return DatasetValueType.Decimal;
        }

        return upper switch
        {
            "BOOLEAN" or "BOOL" => DatasetValueType.Boolean,
            "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "INT1" or "INT2" or "INT4" or "INT8" => DatasetValueType.Integer,
            "FLOAT" or "REAL" or "DOUBLE" or "FLOAT4" or "FLOAT8" => DatasetValueType.Double,
            "DECIMAL" or "NUMERIC" => DatasetValueType.Decimal,
            "VARCHAR" or "TEXT" or "STRING" => DatasetValueType.String,
            "DATE" => DatasetValueType.Date,
            "TIMESTAMP" or "DATETIME" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => DatasetValueType.Timestamp,
            "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" => DatasetValueType.TimestampTz,
            "TIME" => DatasetValueType.Time,
            "UUID" => DatasetValueType.Uuid,
            _ => null,
        };
    }

    /// <summary>Declared schema types must be plain names from the served set (they are written into SQL).</summary>
    public static bool IsDeclarable(string sqlType) => DeclarablePattern().IsMatch(sqlType.Trim()) && FromSqlType(sqlType) is not null;

    [GeneratedRegex(@"^(DECIMAL|NUMERIC)\(\s*[0-9]{1,2}\s*,\s*[0-9]{1,2}\s*\)$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^[A-Za-z_ ]+(\(\s*[0-9]{1,2}\s*,\s*[0-9]{1,2}\s*\))?$")]
    private static partial Regex DeclarablePattern();
}
