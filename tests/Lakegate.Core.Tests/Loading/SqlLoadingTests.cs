using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Core.Sql;

namespace Lakegate.Core.Tests.Loading;

/// <summary>lakegate.yaml <c>sql:</c>: what is read, and the positioned errors for what is wrong.</summary>
public class SqlLoadingTests
{
    private const string Good = """
        version: 1
        sql:
          connections:
            shop:
              provider: postgres
              connectionString: "Host=db;Password={{secret:db:password}}"
              statementTimeoutSeconds: 3
              maxPoolSize: 8
          queries:
            orders:
              connection: shop
              sql: SELECT * FROM orders WHERE customer = @customer AND placed >= @since -- @notaparameter
              maxRows: 50
              parameters:
                customer: { from: path }
                since: { type: date, default: "2026-01-01" }
        apis:
          - id: a
            routes:
              - route: GET /customers/{customer}/orders
                integration: { type: sql, query: orders }
        """;

    private static List<string> Errors(string yaml) =>
        DefinitionLoader.LoadText(yaml, "lakegate.yaml").Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Load_ReadsConnectionsQueriesAndParameters()
    {
        var result = DefinitionLoader.LoadText(Good, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var connection = Assert.Single(result.Config!.Sql.Connections);
        Assert.Equal(("shop", SqlProvider.Postgres, 3, 8), (connection.Name, connection.Provider, connection.StatementTimeoutSeconds, connection.MaxPoolSize));
        Assert.Equal("Host=db;Password={{secret:db:password}}", connection.ConnectionString);
        var query = Assert.Single(result.Config.Sql.Queries);
        Assert.Equal(50, query.MaxRows);
        Assert.Equal(SqlParameterSource.Path, query.Parameters[0].From);
        Assert.True(query.Parameters[0].Required);
        Assert.Equal((SqlParameterSource.Query, SqlParameterType.Date, false, "2026-01-01"), (query.Parameters[1].From, query.Parameters[1].Type, query.Parameters[1].Required, query.Parameters[1].Default));
        Assert.Contains(result.Config.SecretReferences, s => s.Reference.Name == "db");
    }

    [Fact]
    public void Load_UnknownKeys_AreErrorsAtTheKey()
    {
        var errors = Errors(Good.Replace("maxPoolSize: 8", "maxPoolSize: 8\n      poolSize: 3", StringComparison.Ordinal)
            .Replace("maxRows: 50", "maxRows: 50\n      limit: 5", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:9:7: sql.connections.shop: unknown key", StringComparison.Ordinal) && e.Contains("poolSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:15:7: sql.queries.orders: unknown key", StringComparison.Ordinal) && e.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownConnection_IsAnErrorAtTheValue()
    {
        var errors = Errors(Good.Replace("connection: shop", "connection: shops", StringComparison.Ordinal));

        Assert.Contains("lakegate.yaml:11:19: sql.queries.orders.connection: connection 'shops' is not declared under sql.connections", errors);
    }

    [Fact]
    public void Load_UndeclaredAndUnusedParameters_AreErrors()
    {
        var errors = Errors(Good.Replace("placed >= @since", "placed >= @after", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:12:12: sql.queries.orders.sql: @after is used in the SQL but not declared under parameters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:16:9: sql.queries.orders.parameters.since: parameter 'since' is not used in the SQL", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("type: date,", "type: day,", "expected string, integer, number, boolean, date or timestamp")]
    [InlineData("default: \"2026-01-01\"", "default: soon", "the default is not a date (yyyy-MM-dd)")]
    [InlineData("from: path", "from: cookie", "expected path, query, body or header")]
    [InlineData("provider: postgres", "provider: oracle", "expected sqlite or postgres")]
    [InlineData("statementTimeoutSeconds: 3", "statementTimeoutSeconds: 0", "expected 1 to 3600")]
    public void Load_BadValues_AreErrors(string from, string to, string expected)
    {
        var errors = Errors(Good.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RouteNamingAnUndeclaredQuery_OrAMissingPathParameter_AreErrors()
    {
        var errors = Errors(Good.Replace("GET /customers/{customer}/orders", "GET /orders", StringComparison.Ordinal)
            + "\n      - route: GET /other\n        integration: { type: sql, query: nope }\n");

        Assert.Contains(errors, e => e.Contains("query 'orders' reads parameter 'customer' from path parameter {customer}, which /orders does not have", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("route GET /other: integration: query 'nope' is not declared under sql.queries", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SqlSentOverTheNetwork_IsRefused()
    {
        var result = DefinitionLoader.LoadText(Good, "admin.yaml", new LoadOptions { AllowFileReferences = false });

        Assert.Contains(result.Errors, e => e.ToString().Contains("sql is not allowed in definitions sent to the admin API", StringComparison.Ordinal));
    }

    [Fact]
    public void Placeholders_SkipLiteralsCommentsAndEmailLikeText()
    {
        Assert.Equal(["a", "b_2"], SqlPlaceholders.Names("SELECT '@x', \"@y\" FROM t /* @z */ WHERE a = @a AND b = @b_2 AND c = 'me@host' -- @w\n AND d = @a"));
    }

    [Theory]
    [InlineData("42", SqlParameterType.Integer, 42L)]
    [InlineData("4.2", SqlParameterType.Integer, null)]
    [InlineData("1e3", SqlParameterType.Number, 1000.0)]
    [InlineData("NaN", SqlParameterType.Number, null)]
    [InlineData("true", SqlParameterType.Boolean, true)]
    [InlineData("yes", SqlParameterType.Boolean, null)]
    [InlineData("2026-13-01", SqlParameterType.Date, null)]
    [InlineData("' OR 1=1 --", SqlParameterType.String, "' OR 1=1 --")]
    public void ParameterValues_ParseOrRefuse(string text, SqlParameterType type, object? expected)
    {
        Assert.Equal(expected, SqlParameterValues.Parse(text, type));
    }

    [Fact]
    public void ParameterValues_TimestampWithOffset_IsUtc()
    {
        var value = Assert.IsType<DateTime>(SqlParameterValues.Parse("2026-01-02T12:00:00+02:00", SqlParameterType.Timestamp));
        Assert.Equal(new DateTime(2026, 1, 2, 10, 0, 0, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(DateTimeKind.Unspecified, Assert.IsType<DateTime>(SqlParameterValues.Parse("2026-01-02T12:00:00", SqlParameterType.Timestamp)).Kind);
    }
}
