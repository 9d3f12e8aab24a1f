using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lakegate.Core.Datasets;
using Lakegate.Core.Definitions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Sql;
using Lakegate.Gateway.Integrations.Dataset;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lakegate.Gateway.Integrations.Sql;

/// <summary>
/// A <c>sql</c> route: runs one named query of the operator's, with the request's values bound only
/// as typed parameters (never spliced into the text), and streams the rows as JSON, NDJSON or CSV
/// (the dataset routes' negotiation and writers). A statement past the connection's timeout, or whose
/// caller went away, is cancelled in the database. Errors are PostgREST-shaped like datasets'.
/// </summary>
public sealed class SqlIntegration : IIntegration
{
    private static readonly ResponseFormat[] Formats = [ResponseFormat.Json, ResponseFormat.Ndjson, ResponseFormat.Csv];

    private readonly SqlConnections _connections;
    private readonly SqlQueryDefinition _query;
    private readonly SqlConnectionDefinition _connection;
    private readonly bool _formatIsParameter;
    private readonly ILogger _logger;

    internal SqlIntegration(SqlConnections connections, SqlQueryDefinition query, ILogger logger)
    {
        _connections = connections;
        _query = query;
        _connection = connections.Connection(query.Connection);
        // A query that takes its own ?format= leaves format choice to Accept.
        _formatIsParameter = query.Parameters.Any(p => p.From == SqlParameterSource.Query && p.Key == "format");
        _logger = logger;
    }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RunAsync(context);
        }
        finally
        {
            context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    private async Task RunAsync(GatewayContext context)
    {
        var request = context.Http.Request;
        var formatParameter = _formatIsParameter ? null : request.Query["format"].FirstOrDefault()?.ToLowerInvariant();
        var format = FormatNegotiator.Negotiate(formatParameter, request.Headers.Accept.ToString(), Formats);
        if (format is null)
        {
            await DatasetIntegration.WriteErrorAsync(context, new QueryError(406, QueryErrorCodes.NotAcceptable, "none of the acceptable media types is available",
                Details: "available: " + FormatNegotiator.Describe(Formats), Hint: "send Accept with one of them, or format=json|ndjson|csv"));
            return;
        }

        var (values, error) = await BindAsync(context);
        if (error is not null)
        {
            await DatasetIntegration.WriteErrorAsync(context, error);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(_connection.StatementTimeoutSeconds));
        DbConnection connection;
        try
        {
            connection = await _connections.OpenAsync(_query.Connection, timeout.Token);
        }
        catch (Exception ex) when (ex is SqlUnavailableException or OperationCanceledException)
        {
            await FailAsync(context, ex, timeout.IsCancellationRequested && !context.Http.RequestAborted.IsCancellationRequested);
            return;
        }

        await using (connection)
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _query.Sql;
                command.CommandTimeout = _connection.StatementTimeoutSeconds;
                for (var i = 0; i < _query.Parameters.Count; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@" + _query.Parameters[i].Name;
                    parameter.Value = values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                // SQLite runs statements on the calling thread and does not watch the token: interrupt it from outside.
                await using var interrupt = connection is SqliteConnection sqlite
                    ? timeout.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(sqlite.Handle))
                    : default;
                await using var reader = await command.ExecuteReaderAsync(timeout.Token);
                if (_query.Single)
                {
                    await WriteSingleAsync(context, reader, format.Value, timeout.Token);
                }
                else
                {
                    await WriteRowsAsync(context, reader, format.Value, timeout.Token);
                }
            }
            catch (Exception ex) when (ex is DbException or OperationCanceledException or InvalidOperationException)
            {
                var timedOut = (timeout.IsCancellationRequested && !context.Http.RequestAborted.IsCancellationRequested)
                    || ex is NpgsqlException { InnerException: TimeoutException };
                await FailAsync(context, ex, timedOut);
            }
        }
    }

    /// <summary>Each declared parameter's value, parsed as its type; the first missing or malformed one is the error.</summary>
    private async Task<(object?[] Values, QueryError? Error)> BindAsync(GatewayContext context)
    {
        var request = context.Http.Request;
        var values = new object?[_query.Parameters.Count];
        JsonElement? body = null;
        if (_query.Parameters.Any(p => p.From == SqlParameterSource.Body))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, default, context.RequestAborted);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (values, new QueryError(400, SqlErrorCodes.InvalidBody, "the request body is not JSON", Hint: "send a JSON object with the query's body parameters"));
            }

            if (body.Value.ValueKind != JsonValueKind.Object)
            {
                return (values, new QueryError(400, SqlErrorCodes.InvalidBody, "the request body is not a JSON object"));
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            var parameter = _query.Parameters[i];
            string? text;
            switch (parameter.From)
            {
                case SqlParameterSource.Path:
                    text = context.PathParameter(parameter.Key);
                    break;
                case SqlParameterSource.Header:
                    text = request.Headers.TryGetValue(parameter.Key, out var header) ? header.ToString() : null;
                    break;
                case SqlParameterSource.Body:
                    if (!body!.Value.TryGetProperty(parameter.Key, out var property) || property.ValueKind == JsonValueKind.Null)
                    {
                        text = null;
                        break;
                    }

                    text = property.ValueKind switch
                    {
                        JsonValueKind.String => property.GetString(),
                        JsonValueKind.Number => property.GetRawText(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => null,
                    };
                    if (text is null)
                    {
                        return (values, new QueryError(400, SqlErrorCodes.InvalidBody, $"body property '{parameter.Key}' must be a string, number or boolean"));
                    }

                    break;
                default:
                    var query = request.Query[parameter.Key];
                    if (query.Count > 1)
                    {
                        return (values, new QueryError(400, QueryErrorCodes.DuplicateParameter, $"query parameter '{parameter.Key}' may be given once"));
                    }

                    text = query.Count == 1 ? query[0] : null;
                    break;
            }

            text ??= parameter.Default;
            if (text is null)
            {
                if (parameter.Required)
                {
                    return (values, new QueryError(400, SqlErrorCodes.MissingParameter, $"{Where(parameter)} is required"));
                }

                continue;
            }

            values[i] = SqlParameterValues.Parse(text, parameter.Type);
            if (values[i] is null)
            {
                return (values, new QueryError(400, SqlErrorCodes.InvalidValue, $"{Where(parameter)} must be {SqlParameterValues.Describe(parameter.Type)}"));
            }
        }

        return (values, null);
    }

    private static string Where(SqlParameterDefinition parameter) => parameter.From switch
    {
        SqlParameterSource.Path => $"path parameter '{parameter.Key}'",
        SqlParameterSource.Header => $"header '{parameter.Key}'",
        SqlParameterSource.Body => $"body property '{parameter.Key}'",
        _ => $"query parameter '{parameter.Key}'",
    };

    private async Task WriteRowsAsync(GatewayContext context, DbDataReader reader, ResponseFormat format, CancellationToken cancellationToken)
    {
        var sink = new ResponseSink(context.Http.Response, () =>
        {
            SetHeaders(context, format);
            return ValueTask.CompletedTask;
        });
        var writer = new RowWriter(format, Columns(reader), sink.Buffer);
        writer.Begin();
        var rows = 0;
        while (rows < _query.MaxRows && await reader.ReadAsync(cancellationToken))
        {
            writer.WriteRow(reader);
            rows++;
            if ((rows & 63) == 0)
            {
                writer.Flush();
                await sink.RowWrittenAsync(cancellationToken);
            }
        }

        writer.End();
        await sink.CompleteAsync(() => SetHeaders(context, format), cancellationToken);
    }

    private static async Task WriteSingleAsync(GatewayContext context, DbDataReader reader, ResponseFormat format, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            context.Error = new GatewayError(GatewayResponseType.ResourceNotFound);
            return;
        }

        var sink = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new RowWriter(format, Columns(reader), sink, single: true);
        writer.Begin();
        writer.WriteRow(reader);
        writer.End();
        SetHeaders(context, format);
        context.Http.Response.ContentLength = sink.WrittenCount;
        await context.Http.Response.Body.WriteAsync(sink.WrittenMemory, cancellationToken);
    }

    private static void SetHeaders(GatewayContext context, ResponseFormat format)
    {
        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = FormatNegotiator.ContentType(format);
        ResponseHeaders.Stamp(context);
        context.IntegrationStatus = "200";
    }

    /// <summary>The result's columns; the type only steers how dates and times are written.</summary>
    private static List<OutputColumn> Columns(DbDataReader reader)
    {
        var columns = new List<OutputColumn>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var type = reader.GetDataTypeName(i).ToLowerInvariant() switch
            {
                "timestamp with time zone" or "timestamptz" => DatasetValueType.TimestampTz,
                "date" => DatasetValueType.Date,
                _ => DatasetValueType.String,
            };
            columns.Add(new OutputColumn(reader.GetName(i), type));
        }

        return columns;
    }

    private async Task FailAsync(GatewayContext context, Exception ex, bool timedOut)
    {
        if (context.Http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        SqlLog.QueryFailed(_logger, context.RequestId, _query.Name, ex.Message);
        if (context.Http.Response.HasStarted)
        {
            // Headers are gone: the only honest signal left is to cut the response short.
            context.Http.Abort();
            return;
        }

        var error = timedOut
            ? new QueryError(504, SqlErrorCodes.Timeout, $"the query ran longer than {_connection.StatementTimeoutSeconds} s")
            : ex is SqlUnavailableException
                ? new QueryError(503, SqlErrorCodes.Unavailable, $"the database of query '{_query.Name}' is not available right now")
                : new QueryError(502, SqlErrorCodes.QueryFailed, $"query '{_query.Name}' failed in the database");
        context.Http.Response.Clear();
        await DatasetIntegration.WriteErrorAsync(context, error);
    }
}
