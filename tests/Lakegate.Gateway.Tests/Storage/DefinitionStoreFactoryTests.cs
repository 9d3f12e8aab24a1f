using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Postgres;
using Lakegate.Gateway.Storage.Sqlite;
using Npgsql;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class DefinitionStoreFactoryTests
{
    private const string Secret = "s3cr3t-Pa55";

    [Theory]
    [InlineData("sqlite:/var/lib/lakegate/definitions.db", "/var/lib/lakegate/definitions.db")]
    [InlineData("SQLite:/var/lib/lakegate/definitions.db", "/var/lib/lakegate/definitions.db")]
    [InlineData("/var/lib/lakegate/definitions.db", "/var/lib/lakegate/definitions.db")]
    [InlineData("  /srv/defs.db  ", "/srv/defs.db")]
    public async Task Create_SqliteSpec_ReturnsSqliteStoreOnThatPath(string spec, string expectedPath)
    {
        await using var store = DefinitionStoreFactory.Create(spec);

        Assert.Equal(expectedPath, Assert.IsType<SqliteDefinitionStore>(store).FilePath);
    }

    [Fact]
    public async Task Create_RelativePath_ResolvesAgainstCurrentDirectory()
    {
        await using var store = DefinitionStoreFactory.Create("sqlite:.lakegate/definitions.db");

        Assert.Equal(Path.GetFullPath(".lakegate/definitions.db"), Assert.IsType<SqliteDefinitionStore>(store).FilePath);
    }

    [Theory]
    [InlineData("postgres://lake:pw@db.internal:6543/gateway")]
    [InlineData("postgresql://lake:pw@db.internal:6543/gateway")]
    [InlineData("postgres:Host=db.internal;Port=6543;Username=lake;Password=pw;Database=gateway")]
    [InlineData("postgres:host=db.internal;port=6543;username=lake;password=pw;database=gateway")]
    public async Task Create_PostgresSpec_ReturnsPostgresStore(string spec)
    {
        await using var store = DefinitionStoreFactory.Create(spec);

        var postgres = Assert.IsType<PostgresDefinitionStore>(store);
        Assert.Equal("postgres db.internal:6543/gateway", postgres.DatabaseDescription);
    }

    [Fact]
    public void PostgresUriToConnectionString_PercentEncodedCredentials_AreDecoded()
    {
        var builder = Parse("postgres://us%40er:p%40ss%3Aw%2Frd%25@db.example.com:6543/my%20db");

        Assert.Equal("us@er", builder.Username);
        Assert.Equal("p@ss:w/rd%", builder.Password);
        Assert.Equal("db.example.com", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("my db", builder.Database);
    }

    [Fact]
    public void PostgresUriToConnectionString_Minimal_UsesDefaultPortAndNoCredentials()
    {
        var builder = Parse("postgresql://localhost");

        Assert.Equal("localhost", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Null(builder.Username);
        Assert.Null(builder.Password);
        Assert.Null(builder.Database);
    }

    [Fact]
    public void PostgresUriToConnectionString_UserWithoutPassword_SetsOnlyUser()
    {
        var builder = Parse("postgres://lake@127.0.0.1/gateway");

        Assert.Equal("lake", builder.Username);
        Assert.Null(builder.Password);
        Assert.Equal("127.0.0.1", builder.Host);
    }

    [Fact]
    public void PostgresUriToConnectionString_Ipv6Host_DropsBrackets()
    {
        Assert.Equal("::1", Parse("postgres://u:p@[::1]:5433/db").Host);
    }

    [Fact]
    public void PostgresUriToConnectionString_LibpqAndNpgsqlQueryParameters_AreMapped()
    {
        var builder = Parse("postgres://u:p@h/db?sslmode=verify-full&application_name=lake%20gate&connect_timeout=7&Maximum%20Pool%20Size=3&Pooling=false");

        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("lake gate", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal(3, builder.MaxPoolSize);
        Assert.False(builder.Pooling);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sqlite:")]
    [InlineData("sqlite:   ")]
    public void Create_EmptySpecOrPath_ThrowsArgumentException(string spec)
    {
        Assert.Throws<ArgumentException>(() => DefinitionStoreFactory.Create(spec));
    }

    [Theory]
    [InlineData("mysql://root:" + Secret + "@db/lake", "mysql")]
    [InlineData("postgres://lake:" + Secret + "@db/lake?frobnicate=" + Secret, "frobnicate")]
    [InlineData("postgres://lake:" + Secret + "@db/lake?Port=" + Secret, "Port")]
    [InlineData("postgres://lake:" + Secret + "@:5432/lake", "malformed")]
    [InlineData("postgres:Password=" + Secret + ";Database=lake", "Host")]
    [InlineData("postgres:Host=db;Passwrd=" + Secret, "Npgsql")]
    [InlineData("postgres:Host=db;Password" + Secret, "Npgsql")]
    public void Create_BadSpec_ThrowsArgumentExceptionWithoutThePassword(string spec, string mentioned)
    {
        var error = Assert.Throws<ArgumentException>(() => DefinitionStoreFactory.Create(spec));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseDescription_NeverIncludesThePassword()
    {
        await using var store = DefinitionStoreFactory.Create($"postgres://lake:{Secret}@db:5432/lake");

        Assert.DoesNotContain(Secret, Assert.IsType<PostgresDefinitionStore>(store).DatabaseDescription, StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder Parse(string uri) =>
        new(DefinitionStoreFactory.PostgresUriToConnectionString(uri));
}
