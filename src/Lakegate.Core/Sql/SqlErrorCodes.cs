namespace Lakegate.Core.Sql;

/// <summary>The stable error codes of sql routes (documented in docs/sql.md), in the datasets' PostgREST shape.</summary>
public static class SqlErrorCodes
{
    /// <summary>A required parameter is missing from the request (400).</summary>
    public const string MissingParameter = "LGS100";

    /// <summary>A value that does not parse as its parameter's type (400).</summary>
    public const string InvalidValue = "LGS101";

    /// <summary>The body is not a JSON object, or a body parameter is not a scalar (400).</summary>
    public const string InvalidBody = "LGS102";

    /// <summary>The statement ran longer than the connection's statementTimeoutSeconds (504).</summary>
    public const string Timeout = "LGS111";

    /// <summary>The database refused the statement at run time (502); its message is logged, not returned.</summary>
    public const string QueryFailed = "LGS112";

    /// <summary>The connection cannot be opened right now (503).</summary>
    public const string Unavailable = "LGS113";
}
