using System.CommandLine;

namespace Lakegate.Cli.Commands;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    public const string DefaultStore = "sqlite:.lakegate/lakegate.db";

    public static Option<string> Store() => new("--store")
    {
        Description = "Definition store: sqlite:PATH (default " + DefaultStore + "), postgres://user:pass@host:port/db, or memory",
        DefaultValueFactory = _ => DefaultStore,
    };

    public static Option<string?> ApiId() => new("--api-id", "--api")
    {
        Description = "API id (OpenAPI files: overrides the id derived from info.title; config files: only this API)",
    };

    public static Option<string?> Stage() => new("--stage")
    {
        Description = "Stage name (OpenAPI files: the stage to create, default prod or $default; config files: only this stage)",
    };

    public static Option<string?> MasterKeyFile() => new("--master-key-file")
    {
        Description = "File holding the master key that encrypts secrets and access keys (32 bytes, base64 or hex; default: LAKEGATE_MASTER_KEY)",
    };
}
