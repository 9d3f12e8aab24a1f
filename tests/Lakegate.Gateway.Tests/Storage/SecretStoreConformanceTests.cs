using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>The behaviour every <see cref="ISecretStore"/> must show; each subclass points it at one backend.</summary>
public abstract class SecretStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];
    private ISecretStore? _store;

    protected CancellationToken Ct => _timeout.Token;

    protected ISecretStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A new, uninitialised store over the storage this test class shares.</summary>
    protected abstract ISecretStore CreateStore();

    public async Task InitializeAsync()
    {
        _store = CreateStore();
        await _store.InitializeAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _timeout.Dispose();
    }

    private string Name(string name) => _prefix + "/" + name;

    private static SecretVersionWrite Write(string name, string version, byte value, int minutes = 0, string? description = null) => new()
    {
        Name = name,
        VersionId = version,
        Ciphertext = [value, 1, 2, 3],
        Description = description,
        CreatedAt = Start.AddMinutes(minutes),
    };

    [Fact]
    public async Task InitializeAsync_CalledAgain_KeepsDataAndRevision()
    {
        await Store.PutSecretVersionAsync(Write(Name("a"), "v1", 1), Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        await Store.InitializeAsync(Ct);
        await using var other = CreateStore();
        await other.InitializeAsync(Ct);

        Assert.Equal(revision, await other.GetRevisionAsync(Ct));
        Assert.NotNull(await other.DescribeSecretAsync(Name("a"), Ct));
    }

    [Fact]
    public async Task PutSecretVersionAsync_Rotations_MoveLabelsAndDropUnlabeledVersions()
    {
        var name = Name("db");
        var first = await Store.PutSecretVersionAsync(Write(name, "v1", 1, 0, "database"), Ct);
        await Store.PutSecretVersionAsync(Write(name, "v2", 2, 1), Ct);
        var third = await Store.PutSecretVersionAsync(Write(name, "v3", 3, 2), Ct);

        Assert.Equal([new SecretVersionRecord("v1", Start, "AWSCURRENT")], first.Versions);
        Assert.Equal(
            [new SecretVersionRecord("v3", Start.AddMinutes(2), "AWSCURRENT"), new SecretVersionRecord("v2", Start.AddMinutes(1), "AWSPREVIOUS")],
            third.Versions);
        Assert.Equal("database", third.Description);
        Assert.Equal(Start, third.CreatedAt);
        Assert.Equal(Start.AddMinutes(2), third.LastChangedAt);
        Assert.Equal(third.Versions, (await Store.DescribeSecretAsync(name, Ct))!.Versions);

        Assert.Equal((byte)3, (await Store.GetSecretValueAsync(name, "AWSCURRENT", Ct))!.Ciphertext[0]);
        Assert.Equal((byte)2, (await Store.GetSecretValueAsync(name, "AWSPREVIOUS", Ct))!.Ciphertext[0]);
        Assert.Equal("v2", (await Store.GetSecretValueAsync(name, "v2", Ct))!.VersionId);
        Assert.Null(await Store.GetSecretValueAsync(name, "v1", Ct));
        Assert.Null(await Store.GetSecretValueAsync(Name("absent"), "AWSCURRENT", Ct));
    }

    [Fact]
    public async Task PutSecretVersionAsync_DuplicateVersion_ConflictsAndChangesNothing()
    {
        var name = Name("dup");
        await Store.PutSecretVersionAsync(Write(name, "v1", 1), Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutSecretVersionAsync(Write(name, "v1", 9), Ct));

        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
        Assert.Equal((byte)1, (await Store.GetSecretValueAsync(name, "AWSCURRENT", Ct))!.Ciphertext[0]);
    }

    [Theory]
    [InlineData("has space", "v1")]
    [InlineData("", "v1")]
    [InlineData("ok", "AWSCURRENT")]
    [InlineData("ok", "bad version!")]
    public async Task PutSecretVersionAsync_InvalidNames_AreRefused(string name, string version)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutSecretVersionAsync(Write(name, version, 1), Ct));
    }

    [Fact]
    public async Task ListAndLabeledValues_ShowEverySecretWithItsLabels()
    {
        await Store.PutSecretVersionAsync(Write(Name("b"), "v1", 1), Ct);
        await Store.PutSecretVersionAsync(Write(Name("a"), "v1", 2), Ct);
        await Store.PutSecretVersionAsync(Write(Name("a"), "v2", 3, 1), Ct);

        var mine = (await Store.ListSecretsAsync(Ct)).Where(s => s.Name.StartsWith(_prefix, StringComparison.Ordinal)).ToList();
        var values = (await Store.GetLabeledSecretValuesAsync(Ct)).Where(s => s.Name.StartsWith(_prefix, StringComparison.Ordinal)).ToList();

        Assert.Equal([Name("a"), Name("b")], mine.Select(s => s.Name));
        Assert.Equal(2, mine[0].Versions.Count);
        Assert.Equal(
            [(Name("a"), "v2", "AWSCURRENT", (byte)3), (Name("a"), "v1", "AWSPREVIOUS", (byte)2), (Name("b"), "v1", "AWSCURRENT", (byte)1)],
            values.Select(v => (v.Name, v.VersionId, v.Label, v.Ciphertext[0])).OrderBy(v => v.Item1, StringComparer.Ordinal).ThenBy(v => v.Item3, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writes_BumpTheRevision_ReadsAndMissesDoNot()
    {
        var r0 = await Store.GetRevisionAsync(Ct);
        await Store.PutSecretVersionAsync(Write(Name("r"), "v1", 1), Ct);
        var r1 = await Store.GetRevisionAsync(Ct);
        await Store.DescribeSecretAsync(Name("r"), Ct);
        Assert.False(await Store.DeleteSecretAsync(Name("never"), Ct));
        Assert.False(await Store.DeleteAccessKeyAsync("AKIANEVEREXISTED00", Ct));
        var r2 = await Store.GetRevisionAsync(Ct);
        Assert.True(await Store.DeleteSecretAsync(Name("r"), Ct));
        var r3 = await Store.GetRevisionAsync(Ct);

        Assert.True(r1 > r0);
        Assert.Equal(r1, r2);
        Assert.True(r3 > r2);
        Assert.Null(await Store.DescribeSecretAsync(Name("r"), Ct));
        Assert.Null(await Store.GetSecretValueAsync(Name("r"), "AWSCURRENT", Ct));
    }

    [Fact]
    public async Task AccessKeys_CreateListDisableDelete()
    {
        var id = "AKIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var key = new AccessKeyRecord
        {
            AccessKeyId = id,
            UserName = _prefix,
            AccountId = "000000000000",
            SecretCiphertext = [7, 7, 7],
            Policies = ["""{"Statement":[]}"""],
            CreatedAt = Start,
        };
        await Store.CreateAccessKeyAsync(key, Ct);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.CreateAccessKeyAsync(key, Ct));
        var listed = Assert.Single(await Store.ListAccessKeysAsync(Ct), k => k.AccessKeyId == id);
        Assert.Equal((key.UserName, key.AccountId, true, Start), (listed.UserName, listed.AccountId, listed.Enabled, listed.CreatedAt));
        Assert.Equal(key.SecretCiphertext, listed.SecretCiphertext);
        Assert.Equal(key.Policies, listed.Policies);
        Assert.Equal($"arn:aws:iam::000000000000:user/{_prefix}", listed.UserArn);

        Assert.True(await Store.SetAccessKeyEnabledAsync(id, false, Ct));
        Assert.False(Assert.Single(await Store.ListAccessKeysAsync(Ct), k => k.AccessKeyId == id).Enabled);
        Assert.True(await Store.DeleteAccessKeyAsync(id, Ct));
        Assert.DoesNotContain(await Store.ListAccessKeysAsync(Ct), k => k.AccessKeyId == id);
        Assert.False(await Store.SetAccessKeyEnabledAsync(id, true, Ct));
    }

    [Fact]
    public async Task ConcurrentRotations_EachVersionIsKeptOnceAndExactlyOneIsCurrent()
    {
        var name = Name("race");
        await Store.PutSecretVersionAsync(Write(name, "v0", 0), Ct);
        await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            await using var store = CreateStore();
            await store.PutSecretVersionAsync(Write(name, "v" + i, (byte)i, i), Ct);
        }));

        var record = (await Store.DescribeSecretAsync(name, Ct))!;
        Assert.Single(record.Versions, v => v.Label == "AWSCURRENT");
        Assert.Single(record.Versions, v => v.Label == "AWSPREVIOUS");
        Assert.Equal(2, record.Versions.Count);
    }
}
