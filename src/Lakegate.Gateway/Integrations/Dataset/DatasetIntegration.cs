using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using Lakegate.Core.Datasets;
using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Data;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>
/// A <c>dataset</c> route: a list (<c>GET /inventory</c>: filters, select, order, limit/offset or
/// cursor, counts) or one item by its unique key (<c>GET /inventory/{sku}</c>, 404 when absent), in
/// the negotiated format, streamed from DuckDB as it is read. Request errors answer in PostgREST's
/// shape <c>{code, message, details, hint}</c>.
/// </summary>
public sealed class DatasetIntegration : IIntegration
{
    private static readonly ResponseFormat[] ListFormats = [ResponseFormat.Json, ResponseFormat.Ndjson, ResponseFormat.Csv, ResponseFormat.Arrow, ResponseFormat.Parquet];
    private static readonly ResponseFormat[] ItemFormats = [ResponseFormat.Json, ResponseFormat.Ndjson, ResponseFormat.Csv];

    private readonly DatasetCatalog _catalog;
    private readonly string _dataset;
    private readonly IReadOnlyList<string>? _keyParameters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal DatasetIntegration(DatasetCatalog catalog, string dataset, IReadOnlyList<string>? keyParameters, TimeProvider time, ILogger logger)
    {
        _catalog = catalog;
        _dataset = dataset;
        _keyParameters = keyParameters;
        _time = time;
        _logger = logger;
    }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var rawTarget = context.Http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        DatasetSource source;
        try
        {
            source = await _catalog.GetAsync(_dataset, context.RequestAborted);
        }
        catch (DatasetUnavailableException ex)
        {
            DatasetLog.QueryFailed(_logger, context.RequestId, _dataset, ex.Message);
            await WriteErrorAsync(context, new QueryError(503, QueryErrorCodes.Unavailable, $"dataset '{_dataset}' is not available right now"));
            return;
        }

        if (rawTarget.Length > source.Limits.MaxUrlLength)
        {
            await WriteErrorAsync(context, new QueryError(414, QueryErrorCodes.Limit, $"the request URL is longer than {source.Limits.MaxUrlLength} bytes"));
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_keyParameters is null)
            {
                await ListAsync(context, source);
            }
            else
            {
                await ItemAsync(context, source);
            }
        }
        finally
        {
            context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    private async Task ListAsync(GatewayContext context, DatasetSource source)
    {
        var state = source.State;
        var schema = state.Schema;
        var parameters = QueryPairs(context.Http.Request);
        var query = DatasetQueryParser.Parse(parameters, schema, source.Limits, out var error);
        if (query is null)
        {
            await WriteErrorAsync(context, error!);
            return;
        }

        var format = FormatNegotiator.Negotiate(query.Format, context.Http.Request.Headers.Accept.ToString(), ListFormats);
        if (format is null)
        {
            await WriteErrorAsync(context, NotAcceptable(ListFormats));
            return;
        }

        IReadOnlyList<object?>? after = null;
        if (query.Cursor is { } cursor)
        {
            if (schema.Key.Count == 0)
            {
                await WriteErrorAsync(context, new QueryError(400, QueryErrorCodes.Unsupported, $"dataset '{source.Name}' has no key, so it has no cursor pages"));
                return;
            }

            after = source.Cursors.Decode(cursor, source.Name, query.Fingerprint, DatasetQueryCompiler.EffectiveOrder(query, schema), _time.GetUtcNow(), out error);
            if (after is null)
            {
                await WriteErrorAsync(context, error!);
                return;
            }
        }

        var compiled = DatasetQueryCompiler.Compile(query, schema, DatasetSource.Relation, after);
        if (format == ResponseFormat.Parquet && query.Select.Any(s => s.IsAliased))
        {
            await WriteErrorAsync(context, new QueryError(400, QueryErrorCodes.Unsupported, "aliases are not available in Parquet downloads",
                Hint: "select columns by their own names, or ask for another format"));
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(source.Definition.QueryTimeoutSeconds));
        var page = new Page(context, source, query, compiled, format.Value, parameters, timeout.Token);
        using var lease = source.Rent();
        try
        {
            page.Total = await CountAsync(context, source, compiled, lease.Connection, timeout.Token);
            switch (format.Value)
            {
                case ResponseFormat.Parquet:
                    await WriteParquetAsync(page, lease.Connection);
                    break;
                case ResponseFormat.Arrow:
                    await WriteArrowAsync(page, lease.Connection);
                    break;
                default:
                    await WriteRowsAsync(page, lease.Connection);
                    break;
            }
        }
        catch (Exception ex) when (ex is DuckDBException or OperationCanceledException)
        {
            await FailAsync(context, source, ex, timeout.IsCancellationRequested && !context.Http.RequestAborted.IsCancellationRequested);
        }
    }

    private async Task ItemAsync(GatewayContext context, DatasetSource source)
    {
        var schema = source.State.Schema;
        var request = context.Http.Request;
        foreach (var (name, _) in request.Query)
        {
            if (name is not ("select" or "format"))
            {
                await WriteErrorAsync(context, DatasetQueryParser.Syntax($"parameter '{DatasetQueryParser.Quote(name)}' is not available on an item route", hint: "item routes take select and format"));
                return;
            }
        }

        if (request.Query["select"].Count > 1 || request.Query["format"].Count > 1)
        {
            await WriteErrorAsync(context, new QueryError(400, QueryErrorCodes.DuplicateParameter, "select and format may be given once"));
            return;
        }

        var select = DatasetQueryParser.ParseSelect(request.Query["select"].FirstOrDefault(), schema, source.Limits, out var error);
        if (select is null)
        {
            await WriteErrorAsync(context, error!);
            return;
        }

        var format = FormatNegotiator.Negotiate(request.Query["format"].FirstOrDefault()?.ToLowerInvariant(), request.Headers.Accept.ToString(), ItemFormats);
        if (format is null)
        {
            await WriteErrorAsync(context, NotAcceptable(ItemFormats));
            return;
        }

        // A key that does not parse as the key's type names no row: 404, as a missing one.
        var keys = new object?[schema.Key.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var text = context.PathParameter(_keyParameters![i]);
            keys[i] = text is null ? null : DatasetValues.Parse(text, schema.Key[i].Type);
            if (keys[i] is null)
            {
                context.Error = new GatewayError(GatewayResponseType.ResourceNotFound);
                return;
            }
        }

        var (sql, columns) = DatasetQueryCompiler.CompileItem(select, schema, DatasetSource.Relation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(source.Definition.QueryTimeoutSeconds));
        using var lease = source.Rent();
        try
        {
            using var command = Command(lease.Connection, sql, keys, streaming: false);
            using var cancel = timeout.Token.Register(command.Cancel);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                context.Error = new GatewayError(GatewayResponseType.ResourceNotFound);
                return;
            }

            var sink = new System.Buffers.ArrayBufferWriter<byte>();
            var writer = new RowWriter(format.Value, columns, sink, single: true);
            writer.Begin();
            writer.WriteRow(reader);
            writer.End();
            var response = context.Http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = FormatNegotiator.ContentType(format.Value);
            response.ContentLength = sink.WrittenCount;
            ResponseHeaders.Stamp(context);
            context.IntegrationStatus = "200";
            await response.Body.WriteAsync(sink.WrittenMemory, context.RequestAborted);
        }
        catch (Exception ex) when (ex is DuckDBException or OperationCanceledException)
        {
            await FailAsync(context, source, ex, timeout.IsCancellationRequested && !context.Http.RequestAborted.IsCancellationRequested);
        }
    }

    /// <summary><c>Prefer: count=exact</c> runs count(*) over the filters; <c>planned</c> takes Parquet footers' row count when no filter applies, else counts.</summary>
    private static async Task<long?> CountAsync(GatewayContext context, DatasetSource source, CompiledQuery compiled, DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var prefer = context.Http.Request.Headers["Prefer"].ToString();
        var exact = prefer.Contains("count=exact", StringComparison.OrdinalIgnoreCase);
        var planned = prefer.Contains("count=planned", StringComparison.OrdinalIgnoreCase) || prefer.Contains("count=estimated", StringComparison.OrdinalIgnoreCase);
        if (!exact && !planned)
        {
            return null;
        }

        context.Http.Response.Headers["Preference-Applied"] = exact ? "count=exact" : "count=planned";
        if (planned && compiled.CountParameters.Count == 0 && !compiled.CountSql.Contains(" WHERE ", StringComparison.Ordinal) && source.State.FooterRowCount is { } footer)
        {
            return footer;
        }

        using var command = Command(connection, compiled.CountSql, compiled.CountParameters, streaming: false);
        using var cancel = cancellationToken.Register(command.Cancel);
        var result = await Task.Run(command.ExecuteScalar, cancellationToken);
        return Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private async Task WriteRowsAsync(Page page, DuckDBConnection connection)
    {
        var compiled = page.Compiled;
        var response = page.Context.Http.Response;
        var outputCount = compiled.Columns.Count;
        var lastKeys = new object?[compiled.Order.Count];
        var rows = 0;
        var hasMore = false;

        var sink = new ResponseSink(response, async () =>
        {
            // A long page: its end is not known yet, so ask DuckDB for just the sort keys of the page.
            var (count, more, keys) = await PageKeysAsync(page);
            SetHeaders(page, count, more ? keys : null, streamed: true);
        });

        using var command = Command(connection, compiled.Sql, compiled.Parameters, streaming: true);
        using var cancel = page.Token.Register(command.Cancel);
        using var reader = command.ExecuteReader();
        var writer = new RowWriter(page.Format, compiled.Columns, sink.Buffer);
        writer.Begin();
        while (reader.Read())
        {
            if (rows == compiled.Limit)
            {
                hasMore = true;
                break;
            }

            writer.WriteRow(reader);
            rows++;
            for (var k = 0; k < lastKeys.Length; k++)
            {
                lastKeys[k] = reader.IsDBNull(outputCount + k) ? null : reader.GetValue(outputCount + k);
            }

            if ((rows & 63) == 0)
            {
                writer.Flush();
                await sink.RowWrittenAsync(page.Token);
            }
        }

        writer.End();
        await sink.CompleteAsync(() => SetHeaders(page, rows, hasMore ? lastKeys : null, streamed: false), page.Token);
    }

    private async Task WriteArrowAsync(Page page, DuckDBConnection connection)
    {
        var compiled = page.Compiled;
        var (count, more, keys) = await PageKeysAsync(page);
        SetHeaders(page, count, more ? keys : null, streamed: true);

        using var command = Command(connection, compiled.ExactSql, compiled.ExactParameters, streaming: true);
        using var cancel = page.Token.Register(command.Cancel);
        using var stream = command.ExecuteArrowStream();
        var body = page.Context.Http.Response.Body;
        Schema? schema = null;
        ArrowStreamWriter? writer = null;
        try
        {
            while (await stream.ReadNextRecordBatchAsync(page.Token) is { } batch)
            {
                using (batch)
                {
                    // DuckDB names the columns c0, c1, ...: the caller's names (aliases included) are set here, outside SQL.
                    schema ??= Rename(batch.Schema, compiled.Columns);
                    writer ??= new ArrowStreamWriter(body, schema, leaveOpen: true);
                    using var renamed = new RecordBatch(schema, Enumerable.Range(0, batch.ColumnCount).Select(batch.Column), batch.Length);
                    await writer.WriteRecordBatchAsync(renamed, page.Token);
                }
            }

            if (writer is null)
            {
                schema = Rename(stream.Schema, compiled.Columns);
                writer = new ArrowStreamWriter(body, schema, leaveOpen: true);
                await writer.WriteStartAsync(page.Token);
            }

            await writer.WriteEndAsync(page.Token);
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private async Task WriteParquetAsync(Page page, DuckDBConnection connection)
    {
        var compiled = page.Compiled;
        var (count, more, keys) = await PageKeysAsync(page);
        var spool = Path.Combine(page.Source.SpoolDirectory, Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            // Output names are the columns' own (aliases are refused for Parquet): schema identifiers, never caller text.
            var names = string.Join(", ", compiled.Columns.Select((c, i) => $"\"c{i}\" AS {DatasetQueryCompiler.Quote(c.Name)}"));
            var sql = $"COPY (SELECT {names} FROM ({compiled.ExactSql})) TO '{spool.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)";
            using (var command = Command(connection, sql, compiled.ExactParameters, streaming: false))
            using (page.Token.Register(command.Cancel))
            {
                await Task.Run(command.ExecuteNonQuery, page.Token);
            }

            SetHeaders(page, count, more ? keys : null, streamed: true);
            var response = page.Context.Http.Response;
            response.ContentLength = new FileInfo(spool).Length;
            response.Headers.ContentDisposition = $"attachment; filename=\"{page.Source.Name}.parquet\"";
            await response.SendFileAsync(spool, page.Token);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>Rows in the page (up to Limit), whether more follow, and the last row's sort key: a key-only run of the page's query.</summary>
    private static async Task<(int Count, bool HasMore, object?[] Keys)> PageKeysAsync(Page page)
    {
        var compiled = page.Compiled;
        var keys = new object?[compiled.Order.Count];
        var count = 0;
        var more = false;
        // Its own connection: a second query on the page's connection would end the page's streaming result.
        using var lease = page.Source.Rent();
        using var command = Command(lease.Connection, compiled.KeysSql, compiled.Parameters, streaming: true);
        using var cancel = page.Token.Register(command.Cancel);
        await Task.Run(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (count == compiled.Limit)
                {
                    more = true;
                    break;
                }

                count++;
                if (count == compiled.Limit)
                {
                    for (var k = 0; k < keys.Length; k++)
                    {
                        keys[k] = reader.IsDBNull(k) ? null : reader.GetValue(k);
                    }
                }
            }
        }, page.Token);
        return (count, more, keys);
    }

    private void SetHeaders(Page page, int rows, object?[]? nextKeys, bool streamed)
    {
        var context = page.Context;
        var response = context.Http.Response;
        var total = page.Total;
        var offset = page.Compiled.Offset;
        response.StatusCode = total is { } t && (offset > 0 || rows < t) ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = FormatNegotiator.ContentType(page.Format);
        var range = rows == 0 ? "*" : $"{offset}-{offset + rows - 1}";
        response.Headers["Content-Range"] = $"{range}/{(total is { } known ? known.ToString(CultureInfo.InvariantCulture) : "*")}";
        if (nextKeys is not null && page.Source.State.Schema.Key.Count > 0)
        {
            var token = page.Source.Cursors.Encode(page.Source.Name, page.Query.Fingerprint, nextKeys, _time.GetUtcNow());
            response.Headers.Link = $"<{NextLink(context.Http.Request, page.Parameters, token)}>; rel=\"next\"";
        }

        ResponseHeaders.Stamp(context);
        context.IntegrationStatus = response.StatusCode.ToString(CultureInfo.InvariantCulture);
        _ = streamed;
    }

    private static string NextLink(HttpRequest request, IReadOnlyList<KeyValuePair<string, string>> parameters, string cursor)
    {
        var link = new StringBuilder(request.PathBase.ToUriComponent()).Append(request.Path.ToUriComponent()).Append('?');
        foreach (var (key, value) in parameters)
        {
            if (key is "cursor" or "offset")
            {
                continue;
            }

            link.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return link.Append("cursor=").Append(cursor).ToString();
    }

    private async Task FailAsync(GatewayContext context, DatasetSource source, Exception ex, bool timedOut)
    {
        if (context.Http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        DatasetLog.QueryFailed(_logger, context.RequestId, source.Name, ex.Message);
        if (context.Http.Response.HasStarted)
        {
            // Headers are gone: the only honest signal left is to cut the response short.
            context.Http.Abort();
            return;
        }

        var error = timedOut
            ? new QueryError(504, QueryErrorCodes.Timeout, $"the query ran longer than {source.Definition.QueryTimeoutSeconds} s", Hint: "narrow it with filters or a smaller limit")
            : ex.Message.StartsWith("Conversion Error", StringComparison.Ordinal) || ex.Message.StartsWith("Invalid Input Error", StringComparison.Ordinal)
                ? new QueryError(400, QueryErrorCodes.QueryFailed, "a value does not convert to the requested type", Details: FirstLine(ex.Message))
                : new QueryError(503, QueryErrorCodes.Unavailable, $"dataset '{source.Name}' could not be read");
        context.Http.Response.Clear();
        await WriteErrorAsync(context, error);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0];
        return line.Length <= 200 ? line : line[..200];
    }

    private static QueryError NotAcceptable(IReadOnlyCollection<ResponseFormat> supported) =>
        new(406, QueryErrorCodes.NotAcceptable, "none of the acceptable media types is available",
            Details: "available: " + FormatNegotiator.Describe(supported),
            Hint: "send Accept with one of them, or format=" + string.Join("|", supported.Select(FormatNegotiator.Name)));

    internal static async Task WriteErrorAsync(GatewayContext context, QueryError error)
    {
        var response = context.Http.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        ResponseHeaders.Stamp(context);
        context.IntegrationStatus = error.Status.ToString(CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            WriteNullable(json, "details", error.Details);
            WriteNullable(json, "hint", error.Hint);
            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static Schema Rename(Schema schema, IReadOnlyList<OutputColumn> columns)
    {
        var builder = new Schema.Builder();
        for (var i = 0; i < schema.FieldsList.Count; i++)
        {
            var field = schema.FieldsList[i];
            builder.Field(new Field(columns[i].Name, field.DataType, field.IsNullable, field.Metadata));
        }

        return builder.Build();
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, IReadOnlyList<object?> parameters, bool streaming)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = streaming;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value!));
        }

        return command;
    }

    /// <summary>The query string as decoded pairs in request order (repeated keys kept).</summary>
    private static List<KeyValuePair<string, string>> QueryPairs(HttpRequest request)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in request.Query)
        {
            foreach (var value in values)
            {
                pairs.Add(new(key, value ?? string.Empty));
            }
        }

        return pairs;
    }

    private sealed class Page(GatewayContext context, DatasetSource source, DatasetQuery query, CompiledQuery compiled, ResponseFormat format,
        IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken token)
    {
        public GatewayContext Context { get; } = context;

        public DatasetSource Source { get; } = source;

        public DatasetQuery Query { get; } = query;

        public CompiledQuery Compiled { get; } = compiled;

        public ResponseFormat Format { get; } = format;

        public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; } = parameters;

        public CancellationToken Token { get; } = token;

        public long? Total { get; set; }
    }
}
