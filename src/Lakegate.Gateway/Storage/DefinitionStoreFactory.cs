using System.Text.RegularExpressions;
using Lakegate.Gateway.Storage.Postgres;
using Lakegate.Gateway.Storage.Sqlite;
using Npgsql;

namespace Lakegate.Gateway.Storage;

/// <summary>
/// Turns the one-line store spec users pass on the command line or in config into a store:
/// <c>sqlite:PATH</c> or a plain path (SQLite); <c>postgres://user:pass@host:port/db?...</c> or
/// <c>postgresql://...</c> (libpq-style URI); <c>postgres:Host=...;Port=...</c> (Npgsql keywords);
/// <c>memory</c> (in-process, gone at exit).
/// Error messages never repeat the spec, because it may carry a password.
/// </summary>
public static partial class DefinitionStoreFactory
{
    private const int DefaultPostgresPort = 5432;

    /// <summary>libpq URI query parameters and the Npgsql keywords they mean.</summary>
    private static readonly Dictionary<string, string> LibpqParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["search_path"] = "Search Path",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["keepalives_idle"] = "Tcp Keepalive Time",
        ["client_encoding"] = "Client Encoding",
    };

    /// <summary>libpq spells sslmode values in lower case with dashes; Npgsql wants its enum names.</summary>
    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    public static IDefinitionStore Create(string spec, TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new ArgumentException("The definition store spec is empty; use sqlite:PATH, a file path, postgres://... or postgres:Host=...", nameof(spec));
        }

        spec = spec.Trim();
        if (spec.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            // Lives and dies with the process: tests and throw-away runs.
            return new Memory.MemoryDefinitionStore(time);
        }

        if (spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresDefinitionStore(PostgresUriToConnectionString(spec), time);
        }

        if (spec.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresDefinitionStore(ValidateKeywordConnectionString(spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..]), time);
        }

        if (spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = spec["sqlite:".Length..].Trim();
            if (path.Length == 0)
            {
                throw new ArgumentException("The SQLite store spec has no path; use sqlite:PATH, for example sqlite:.lakegate/definitions.db.", nameof(spec));
            }

            return new SqliteDefinitionStore(path, time);
        }

        var scheme = UriScheme().Match(spec);
        if (scheme.Success)
        {
            // Say which scheme was wrong, never the rest: it may hold credentials.
            throw new ArgumentException($"Unsupported definition store scheme '{scheme.Groups[1].Value}'; use sqlite:PATH, a file path, postgres://... or postgres:Host=...", nameof(spec));
        }

        return new SqliteDefinitionStore(spec, time);
    }

    /// <summary>
    /// Converts <c>postgres[ql]://[user[:password]@]host[:port][/database][?param=value&amp;...]</c>
    /// to an Npgsql keyword connection string. User, password and database are percent-decoded.
    /// Query parameters may be libpq names (sslmode, application_name, ...) or Npgsql keywords.
    /// </summary>
    internal static string PostgresUriToConnectionString(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException("The PostgreSQL URI is malformed; expected postgres://user:password@host:port/database (percent-encode special characters in user and password).", nameof(uri));
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            // IdnHost drops the brackets around IPv6 literals.
            Host = parsed.IdnHost,
            Port = parsed.IsDefaultPort || parsed.Port < 0 ? DefaultPostgresPort : parsed.Port,
        };

        if (parsed.UserInfo.Length > 0)
        {
            var colon = parsed.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? parsed.UserInfo : parsed.UserInfo[..colon];
            if (user.Length > 0)
            {
                builder.Username = Uri.UnescapeDataString(user);
            }

            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(parsed.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (name.Equals("sslmode", StringComparison.OrdinalIgnoreCase) && SslModes.TryGetValue(value, out var sslMode))
            {
                value = sslMode;
            }

            var keyword = LibpqParameters.TryGetValue(name, out var mapped) ? mapped : name;
            if (keyword.Equals("Password", StringComparison.OrdinalIgnoreCase))
            {
                builder.Password = value;
                continue;
            }

            try
            {
                builder[keyword] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // Name the parameter but not its value, which could be a secret.
                throw new ArgumentException($"The PostgreSQL URI has an unsupported or invalid query parameter '{name}'.", nameof(uri));
            }
        }

        return builder.ConnectionString;
    }

    internal static string ValidateKeywordConnectionString(string spec)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(spec);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The inner message can quote part of the string; drop it.
            throw new ArgumentException("The postgres: store spec is not a valid Npgsql connection string (Host=...;Port=...;Username=...;Password=...;Database=...).", nameof(spec));
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The postgres: store spec has no Host; use postgres:Host=...;Port=...;Username=...;Database=...", nameof(spec));
        }

        return builder.ConnectionString;
    }

    // A URI-style scheme ("mysql://"); a Windows drive ("C:\") is not one.
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]+)://")]
    private static partial Regex UriScheme();
}
