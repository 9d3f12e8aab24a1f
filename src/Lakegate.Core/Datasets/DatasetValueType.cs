namespace Lakegate.Core.Datasets;

/// <summary>How a column's values are parsed from the URL, bound as parameters and written out.</summary>
public enum DatasetValueType
{
    Boolean,
    Integer,
    Double,
    Decimal,
    String,
    Date,
    Timestamp,
    TimestampTz,
    Time,
    Uuid,
}
