namespace Lakegate.Core.Datasets;

/// <summary>The stable error codes of dataset routes (documented in docs/datasets.md).</summary>
public static class QueryErrorCodes
{
    /// <summary>The query string does not follow the grammar.</summary>
    public const string Syntax = "LGD100";

    /// <summary>A column that does not exist or is not exposed (the same answer for both).</summary>
    public const string UnknownColumn = "LGD101";

    /// <summary>A value that does not parse as the column's type.</summary>
    public const string InvalidValue = "LGD102";

    /// <summary>An operator the grammar does not have, or one the column's type does not allow.</summary>
    public const string UnsupportedOperator = "LGD103";

    /// <summary>A guardrail: too many filters, nesting too deep, an <c>in</c> list too long, a URL too long.</summary>
    public const string Limit = "LGD104";

    /// <summary><c>offset</c> beyond the dataset's maxOffset: page with the cursor instead.</summary>
    public const string OffsetTooLarge = "LGD105";

    /// <summary>A cursor that is malformed, forged, expired or belongs to another query.</summary>
    public const string InvalidCursor = "LGD106";

    /// <summary>No supported response format matches <c>Accept</c> or <c>format=</c> (406).</summary>
    public const string NotAcceptable = "LGD107";

    /// <summary>A parameter given twice that may appear once.</summary>
    public const string DuplicateParameter = "LGD108";

    /// <summary>A cast outside the allowlist.</summary>
    public const string InvalidCast = "LGD109";

    /// <summary>A request the route cannot answer (an alias in a Parquet download, cursor without a key, ...).</summary>
    public const string Unsupported = "LGD110";

    /// <summary>The query ran out of time (504).</summary>
    public const string Timeout = "LGD111";

    /// <summary>DuckDB refused the query at run time, e.g. a cast of a value that does not convert (400).</summary>
    public const string QueryFailed = "LGD112";

    /// <summary>The dataset's files cannot be read right now (503).</summary>
    public const string Unavailable = "LGD113";
}
