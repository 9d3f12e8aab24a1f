using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using Lakegate.Core.Datasets;
using Lakegate.Core.Definitions;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Data;

/// <summary>
/// One dataset's own embedded DuckDB database: locked down so that only the dataset's files (and
/// its spool directory) are readable, with its memory limit and threads, and one view,
/// <see cref="Relation"/>, over the current files with the exposed columns. Connections are pooled;
/// the file list is re-read when it changes (refresh: onChange).
/// </summary>
public sealed class DatasetSource : IAsyncDisposable
{
    /// <summary>The view every compiled query reads.</summary>
    public const string Relation = "\"dataset\"";

    private readonly IDatasetFiles _files;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DuckDBConnection _root;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly ConcurrentBag<DuckDBConnection> _pool = [];
    private DatasetState? _state;
    private long _nextCheck;
    private int _disposed;

    private DatasetSource(DatasetDefinition definition, IDatasetFiles files, string spoolDirectory, DuckDBConnection root, ILogger logger, TimeProvider time)
    {
        Definition = definition;
        _files = files;
        SpoolDirectory = spoolDirectory;
        _root = root;
        _logger = logger;
        _time = time;
        Limits = new QueryLimits
        {
            DefaultPageSize = definition.DefaultPageSize,
            MaxPageSize = definition.MaxPageSize,
            MaxOffset = definition.MaxOffset,
        };
        var key = definition.CursorSecret is { } secret ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : RandomNumberGenerator.GetBytes(32);
        Cursors = new DatasetCursorCodec(key);
    }

    public DatasetDefinition Definition { get; }

    public string Name => Definition.Name;

    public QueryLimits Limits { get; }

    public DatasetCursorCodec Cursors { get; }

    /// <summary>Where Parquet responses are written before they are sent (DuckDB may write here, nowhere else).</summary>
    public string SpoolDirectory { get; }

    /// <summary>The last load; throws <see cref="DatasetUnavailableException"/> when there is none.</summary>
    public DatasetState State => _state ?? throw new DatasetUnavailableException($"dataset {Name} has not loaded");

    /// <summary>Opens the database, locks it down and loads the files. Throws <see cref="DatasetUnavailableException"/> when the files cannot be read.</summary>
    public static async Task<DatasetSource> OpenAsync(DatasetDefinition definition, IDatasetFiles files, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(Path.GetTempPath(), "lakegate-spool", definition.Name + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant());
        Directory.CreateDirectory(spool);
        var root = new DuckDBConnection("Data Source=:memory:");
        root.Open();
        try
        {
            var allowed = files.AllowedDirectories.Append(spool + "/").Select(Literal);
            foreach (var statement in new[]
            {
                "SET GLOBAL TimeZone = 'UTC'",
                $"SET memory_limit = {Literal(definition.MemoryLimit)}",
                $"SET threads = {definition.Threads.ToString(CultureInfo.InvariantCulture)}",
                $"SET temp_directory = {Literal(spool + "/tmp")}",
                "SET autoinstall_known_extensions = false",
                "SET autoload_known_extensions = false",
                $"SET allowed_directories = [{string.Join(", ", allowed)}]",
                "SET enable_external_access = false",
                "SET lock_configuration = true",
            })
            {
                Execute(root, statement);
            }
        }
        catch
        {
            await root.DisposeAsync();
            throw;
        }

        var source = new DatasetSource(definition, files, spool, root, logger, time);
        try
        {
            await source.ReloadAsync(force: true, cancellationToken);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }

        return source;
    }

    /// <summary>Before a query: with refresh onChange, at most every refreshIntervalSeconds, re-lists the files and reloads when they changed.</summary>
    public async ValueTask EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (Definition.Refresh == DatasetRefresh.Never && _state is not null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_state is not null && now < Interlocked.Read(ref _nextCheck))
        {
            return;
        }

        await ReloadAsync(force: false, cancellationToken);
    }

    /// <summary>A pooled connection to this dataset's database; dispose the lease to return it.</summary>
    public Lease Rent()
    {
        if (!_pool.TryTake(out var connection))
        {
            connection = _root.Duplicate();
            connection.Open();
        }

        return new Lease(this, connection);
    }

    private async Task ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var interval = _time.TimestampFrequency * Definition.RefreshIntervalSeconds;
            if (!force && _state is not null && _time.GetTimestamp() < Interlocked.Read(ref _nextCheck))
            {
                return;
            }

            var files = await _files.ListAsync(cancellationToken);
            Interlocked.Exchange(ref _nextCheck, _time.GetTimestamp() + interval);
            var fingerprint = string.Join('\n', files.Select(f => $"{f.Path}\t{f.Size}\t{f.Version}"));
            if (_state is not null && _state.Fingerprint == fingerprint)
            {
                return;
            }

            var state = Load(files);
            var first = _state is null;
            _state = state;
            if (first)
            {
                DatasetLog.Loaded(_logger, Name, files.Count, state.Schema.Columns.Count);
            }
            else
            {
                DatasetLog.Reloaded(_logger, Name, files.Count);
            }
        }
        finally
        {
            _reload.Release();
        }
    }

    private DatasetState Load(IReadOnlyList<DatasetFile> files)
    {
        var definition = Definition;
        var declared = definition.Schema;
        if (files.Count == 0 && declared.Count == 0)
        {
            throw new DatasetUnavailableException($"dataset {Name}: no files match {definition.Source}");
        }

        var read = files.Count == 0 ? null : ReadFunction(files);
        List<DatasetColumn> all;
        if (declared.Count > 0)
        {
            all = [.. declared.Select(c => new DatasetColumn(c.Name, c.Type.ToUpperInvariant(), DatasetTypes.FromSqlType(c.Type)!.Value))];
        }
        else
        {
            all = [];
            try
            {
                using var command = _root.CreateCommand();
                command.CommandText = "DESCRIBE SELECT * FROM " + read;
                using var reader = command.ExecuteReader();
                var exposedByConfig = definition.Columns.ToHashSet(StringComparer.Ordinal);
                while (reader.Read())
                {
                    var name = reader.GetString(0);
                    var type = reader.GetString(1);
                    if (DatasetTypes.FromSqlType(type) is { } valueType)
                    {
                        all.Add(new DatasetColumn(name, type, valueType));
                    }
                    else if (exposedByConfig.Contains(name) || definition.Key.Contains(name))
                    {
                        throw new DatasetUnavailableException($"dataset {Name}: column {name} has type {type}, which datasets do not serve");
                    }
                    else if (definition.Columns.Count == 0)
                    {
                        DatasetLog.ColumnSkipped(_logger, Name, name, type);
                    }
                }
            }
            catch (DuckDBException ex)
            {
                throw new DatasetUnavailableException($"dataset {Name}: cannot read its files: {ex.Message}", ex);
            }
        }

        var byName = all.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var exposed = new List<DatasetColumn>();
        foreach (var name in definition.Columns.Count > 0 ? definition.Columns : [.. all.Select(c => c.Name)])
        {
            exposed.Add(byName.GetValueOrDefault(name) ?? throw new DatasetUnavailableException($"dataset {Name}: column {name} (in columns:) is not in its files"));
        }

        foreach (var key in definition.Key)
        {
            if (!byName.ContainsKey(key))
            {
                throw new DatasetUnavailableException($"dataset {Name}: key column {key} is not in its files");
            }
        }

        var view = new StringBuilder("CREATE OR REPLACE VIEW ").Append(Relation).Append(" AS SELECT ");
        for (var i = 0; i < exposed.Count; i++)
        {
            var column = exposed[i];
            var quoted = DatasetQueryCompiler.Quote(column.Name);
            view.Append(i == 0 ? string.Empty : ", ");
            if (read is null)
            {
                view.Append("CAST(NULL AS ").Append(column.SqlType).Append(") AS ").Append(quoted);
            }
            else if (declared.Count > 0)
            {
                view.Append("CAST(").Append(quoted).Append(" AS ").Append(column.SqlType).Append(") AS ").Append(quoted);
            }
            else
            {
                view.Append(quoted);
            }
        }

        view.Append(read is null ? " WHERE FALSE" : " FROM " + read);
        long? footerRows = null;
        try
        {
            Execute(_root, view.ToString());
            if (read is not null && definition.Format == DatasetFormat.Parquet)
            {
                using var count = _root.CreateCommand();
                count.CommandText = "SELECT CAST(coalesce(sum(num_rows), 0) AS BIGINT) FROM parquet_file_metadata(" + FileList(files) + ")";
                footerRows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }
        catch (DuckDBException ex)
        {
            throw new DatasetUnavailableException($"dataset {Name}: cannot read its files: {ex.Message}", ex);
        }

        return new DatasetState(files, new DatasetSchema(Name, exposed, definition.Key), all, footerRows);
    }

    /// <summary>The table function over the files. Paths come from the file listing (never from a request) and are written as quoted literals.</summary>
    private string ReadFunction(IReadOnlyList<DatasetFile> files)
    {
        var definition = Definition;
        var options = new StringBuilder();
        options.Append(", hive_partitioning = ").Append(definition.HivePartitioning ? "true" : "false");
        options.Append(", union_by_name = true");
        switch (definition.Format)
        {
            case DatasetFormat.Csv:
                if (definition.CsvDelimiter is { } delimiter)
                {
                    options.Append(", delim = ").Append(Literal(delimiter));
                }

                if (definition.CsvHeader is { } header)
                {
                    options.Append(", header = ").Append(header ? "true" : "false");
                }

                return "read_csv(" + FileList(files) + options + ")";
            case DatasetFormat.Json:
                return "read_json(" + FileList(files) + options + ")";
            default:
                return "read_parquet(" + FileList(files) + options + ")";
        }
    }

    private static string FileList(IReadOnlyList<DatasetFile> files) => "[" + string.Join(", ", files.Select(f => Literal(f.Path))) + "]";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        while (_pool.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }

        await _root.DisposeAsync();
        (_files as IDisposable)?.Dispose();
        _reload.Dispose();
        try
        {
            Directory.Delete(SpoolDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A rented connection; returned to the pool on dispose (or closed when the source is gone).</summary>
    public readonly struct Lease(DatasetSource source, DuckDBConnection connection) : IDisposable
    {
        public DuckDBConnection Connection { get; } = connection;

        public void Dispose()
        {
            if (Volatile.Read(ref source._disposed) == 0 && source._pool.Count < 32)
            {
                source._pool.Add(Connection);
            }
            else
            {
                Connection.Dispose();
            }
        }
    }
}
