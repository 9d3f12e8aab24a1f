using Microsoft.Data.Sqlite;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>One temporary directory per test class; every store file lives in it and goes with it.</summary>
public sealed class SqliteStoreFixture : IDisposable
{
    public SqliteStoreFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "lakegate-store-tests-" + Guid.NewGuid().ToString("N"));

        // The nested folder does not exist yet: InitializeAsync must create it.
        FilePath = Path.Combine(Directory, "nested", "definitions.db");
    }

    public string Directory { get; }

    public string FilePath { get; }

    public string NewFilePath() => Path.Combine(Directory, "fresh-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        // Pooled connections hold the files open.
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
