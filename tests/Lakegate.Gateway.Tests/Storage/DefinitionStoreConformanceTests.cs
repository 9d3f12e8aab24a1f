using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDefinitionStore"/> must show. Each subclass points it at one
/// backend. Test classes share storage, so every test works under its own API ids and domain
/// names and filters global listings down to them.
/// </summary>
public abstract class DefinitionStoreConformanceTests : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(Timeout);
    private readonly List<IDefinitionStore> _stores = [];
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    private IDefinitionStore? _store;

    protected CancellationToken Ct => _timeout.Token;

    private protected ManualTimeProvider Time { get; } = new(Start);

    protected IDefinitionStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A new, uninitialised store over the storage this test class shares.</summary>
    protected abstract Task<IDefinitionStore> CreateSharedStoreAsync(TimeProvider time);

    /// <summary>Brand-new empty storage; the function opens further store instances over it.</summary>
    protected abstract Task<Func<TimeProvider, IDefinitionStore>> CreateFreshStorageAsync();

    public async Task InitializeAsync() => _store = await OpenSharedStoreAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _timeout.Dispose();
    }

    // ---------------------------------------------------------------- schema

    [Fact]
    public async Task InitializeAsync_CalledAgain_KeepsDataAndRevision()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        await Store.InitializeAsync(Ct).WaitAsync(Timeout);
        await using var other = await CreateSharedStoreAsync(Time);
        await other.InitializeAsync(Ct).WaitAsync(Timeout);

        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
        Assert.NotNull(await other.GetDeploymentAsync(Api("a"), "d1", Ct));
    }

    [Fact]
    public async Task InitializeAsync_ManyInstancesOnFreshStorageAtOnce_AllSucceed()
    {
        var open = await CreateFreshStorageAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => Track(open(Time))).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(Ct)))).WaitAsync(Timeout);

        Assert.Equal(0, await stores[0].GetRevisionAsync(Ct));
        await stores[1].CreateDeploymentAsync(Deployment("api", "d1"), Ct);
        Assert.Equal(1, await stores[2].GetRevisionAsync(Ct));
        Assert.Empty(await stores[3].ListStagesAsync(Ct));
        Assert.Empty(await stores[4].ListDomainsAsync(Ct));
    }

    // ---------------------------------------------------------------- deployments

    [Fact]
    public async Task CreateDeploymentAsync_ThenGet_RoundTripsEveryField()
    {
        var created = new DateTimeOffset(2025, 12, 31, 23, 59, 58, 123, TimeSpan.FromHours(2));
        var deployment = Deployment(Api("a"), "d1", created) with { Description = "first release" };

        await Store.CreateDeploymentAsync(deployment, Ct);
        var read = await Store.GetDeploymentAsync(Api("a"), "d1", Ct);

        Assert.NotNull(read);
        Assert.Equal(deployment.ApiId, read.ApiId);
        Assert.Equal("d1", read.Id);
        Assert.Equal("first release", read.Description);
        Assert.Equal(deployment.DefinitionJson, read.DefinitionJson);
        Assert.Equal(deployment.ContentHash, read.ContentHash);
        Assert.Equal(created, read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
    }

    [Fact]
    public async Task CreateDeploymentAsync_NullDescription_ReadsBackNull()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);

        Assert.Null((await Store.GetDeploymentAsync(Api("a"), "d1", Ct))!.Description);
    }

    [Fact]
    public async Task CreateDeploymentAsync_DefinitionJson_IsStoredByteForByte()
    {
        // ContentHash is computed over the exact text, so the store must not normalise it.
        const string json = "{ \"z\": 1,\n  \"a\": [ 1.50, \"é\\u00e9 😀\" ],\"z\": 2 }";
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1") with { DefinitionJson = json }, Ct);

        Assert.Equal(json, (await Store.GetDeploymentAsync(Api("a"), "d1", Ct))!.DefinitionJson);
    }

    [Fact]
    public async Task CreateDeploymentAsync_SubMillisecondTime_RoundTripsToTheMillisecondAsUtc()
    {
        var created = new DateTimeOffset(2026, 7, 8, 9, 10, 11, TimeSpan.FromHours(-5)).AddTicks(1_234_567);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1", created), Ct);

        var read = (await Store.GetDeploymentAsync(Api("a"), "d1", Ct))!.CreatedAt;

        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.True((read - created).Duration() < TimeSpan.FromMilliseconds(1), $"{read:O} vs {created:O}");
    }

    [Fact]
    public async Task CreateDeploymentAsync_DuplicateIdForSameApi_ThrowsConflictAndKeepsOriginal()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1") with { Description = "original" }, Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<StoreConflictException>(
            () => Store.CreateDeploymentAsync(Deployment(Api("a"), "d1") with { Description = "impostor" }, Ct));

        Assert.Contains("d1", error.Message, StringComparison.Ordinal);
        Assert.Equal("original", (await Store.GetDeploymentAsync(Api("a"), "d1", Ct))!.Description);
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task CreateDeploymentAsync_SameIdForAnotherApi_IsAllowed()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("b"), "d1"), Ct);

        Assert.NotNull(await Store.GetDeploymentAsync(Api("a"), "d1", Ct));
        Assert.NotNull(await Store.GetDeploymentAsync(Api("b"), "d1", Ct));
    }

    [Fact]
    public async Task GetDeploymentAsync_Absent_ReturnsNull()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);

        Assert.Null(await Store.GetDeploymentAsync(Api("a"), "d2", Ct));
        Assert.Null(await Store.GetDeploymentAsync(Api("b"), "d1", Ct));
    }

    [Fact]
    public async Task ListDeploymentsAsync_NewestFirst_TiesByLaterWriteFirst_OnlyThatApi()
    {
        var t = Start.AddDays(-1);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "old", t), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "newest", t.AddMinutes(5)), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "tie-1", t.AddMinutes(1)), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "tie-0", t.AddMinutes(1)), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "oldest", t.AddMinutes(-1)), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("b"), "other", t.AddMinutes(2)), Ct);

        var ids = (await Store.ListDeploymentsAsync(Api("a"), Ct)).Select(d => d.Id).ToList();

        Assert.Equal(["newest", "tie-0", "tie-1", "old", "oldest"], ids);
        Assert.Equal(ids, (await Store.ListDeploymentsAsync(Api("a"), Ct)).Select(d => d.Id).ToList());
    }

    [Fact]
    public async Task ListDeploymentsAsync_IncludesDefinitionJson()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1") with { DefinitionJson = "{\"routes\":[]}" }, Ct);

        Assert.Equal("{\"routes\":[]}", Assert.Single(await Store.ListDeploymentsAsync(Api("a"), Ct)).DefinitionJson);
    }

    [Fact]
    public async Task ListDeploymentsAsync_UnknownApi_IsEmpty()
    {
        Assert.Empty(await Store.ListDeploymentsAsync(Api("nothing"), Ct));
    }

    [Fact]
    public async Task DeleteDeploymentAsync_Absent_ReturnsFalseAndKeepsRevision()
    {
        var revision = await Store.GetRevisionAsync(Ct);

        Assert.False(await Store.DeleteDeploymentAsync(Api("a"), "ghost", Ct));
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task DeleteDeploymentAsync_Unused_RemovesIt()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d2"), Ct);

        Assert.True(await Store.DeleteDeploymentAsync(Api("a"), "d1", Ct));

        Assert.Null(await Store.GetDeploymentAsync(Api("a"), "d1", Ct));
        Assert.Equal("d2", Assert.Single(await Store.ListDeploymentsAsync(Api("a"), Ct)).Id);
        Assert.False(await Store.DeleteDeploymentAsync(Api("a"), "d1", Ct));
    }

    [Fact]
    public async Task DeleteDeploymentAsync_ServedByStage_ThrowsConflictNamingTheStage()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Store.DeleteDeploymentAsync(Api("a"), "d1", Ct));

        Assert.Contains("prod", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Store.GetDeploymentAsync(Api("a"), "d1", Ct));
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task DeleteDeploymentAsync_ServedByCanary_ThrowsConflictNamingTheStage()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d2"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "beta", "d1") with { Canary = Canary("d2") }, null, Ct);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Store.DeleteDeploymentAsync(Api("a"), "d2", Ct));

        Assert.Contains("beta", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Store.GetDeploymentAsync(Api("a"), "d2", Ct));
    }

    [Fact]
    public async Task DeleteDeploymentAsync_SameIdServedInAnotherApi_IsAllowed()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("b"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("b"), "prod", "d1"), null, Ct);

        Assert.True(await Store.DeleteDeploymentAsync(Api("a"), "d1", Ct));
    }

    [Fact]
    public async Task DeleteDeploymentAsync_AfterStageMovedOrDeleted_Succeeds()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d2"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Canary = Canary("d2") }, null, Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d2"), null, Ct);

        Assert.True(await Store.DeleteDeploymentAsync(Api("a"), "d1", Ct));
        Assert.True(await Store.DeleteStageAsync(Api("a"), "prod", Ct));
        Assert.True(await Store.DeleteDeploymentAsync(Api("a"), "d2", Ct));
    }

    // ---------------------------------------------------------------- stages

    [Fact]
    public async Task PutStageAsync_MethodThrottles_RoundTripAndUpdate()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        var throttles = new Dictionary<string, ThrottleRecord>
        {
            ["*/*"] = new(10.5, 20),
            ["/items/{id}/GET"] = new(0, 0),
        };
        var created = await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { MethodThrottles = throttles }, null, Ct);
        var read = await Store.GetStageAsync(Api("a"), "prod", Ct);
        Assert.Equal(throttles, read!.MethodThrottles);
        Assert.Equal(throttles, (await Store.ListStagesAsync(Ct)).Single(s => s.ApiId == Api("a")).MethodThrottles);

        await Store.PutStageAsync(read with { MethodThrottles = new Dictionary<string, ThrottleRecord>() }, created.Version, Ct);
        Assert.Empty((await Store.GetStageAsync(Api("a"), "prod", Ct))!.MethodThrottles);
    }

    [Fact]
    public async Task PutStageAsync_Create_SetsVersionOneAndTimeFromTimeProvider()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d2"), Ct);
        var stage = Stage(Api("a"), "prod", "d1") with
        {
            Description = "production",
            Variables = new Dictionary<string, string> { ["backend"] = "https://example.test", ["empty"] = string.Empty, ["ünï"] = "\"quoted\"" },
            Canary = Canary("d2", 12.5, new Dictionary<string, string> { ["backend"] = "https://canary.test" }),
            Version = 42,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        var returned = await Store.PutStageAsync(stage, null, Ct);
        var read = await Store.GetStageAsync(Api("a"), "prod", Ct);

        Assert.Equal(1, returned.Version);
        Assert.Equal(Start, returned.UpdatedAt);
        Assert.NotNull(read);
        AssertSameStage(returned, read);
        Assert.Equal("production", read.Description);
        Assert.Equal(stage.Variables.OrderBy(p => p.Key, StringComparer.Ordinal), read.Variables.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("d2", read.Canary!.DeploymentId);
        Assert.Equal(12.5, read.Canary.PercentTraffic);
        Assert.Equal("https://canary.test", Assert.Single(read.Canary.StageVariableOverrides).Value);
        Assert.Equal(TimeSpan.Zero, read.UpdatedAt.Offset);
    }

    [Fact]
    public async Task PutStageAsync_UnconditionalUpdate_IncrementsVersionAndTime()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d2"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Canary = Canary("d2") }, null, Ct);
        Time.Advance(TimeSpan.FromSeconds(90.5));

        var second = await Store.PutStageAsync(Stage(Api("a"), "prod", "d2") with { Description = "moved" }, null, Ct);
        var third = await Store.PutStageAsync(Stage(Api("a"), "prod", "d2"), null, Ct);

        Assert.Equal(2, second.Version);
        Assert.Equal(3, third.Version);
        Assert.Equal(Start.AddSeconds(90.5), second.UpdatedAt);
        var read = (await Store.GetStageAsync(Api("a"), "prod", Ct))!;
        AssertSameStage(third, read);
        Assert.Equal("d2", read.DeploymentId);
        Assert.Null(read.Description);
        Assert.Null(read.Canary);
    }

    [Fact]
    public async Task PutStageAsync_ClockWithSubMicrosecondTicks_ReturnsExactlyWhatIsStored()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        Time.Advance(TimeSpan.FromTicks(1_234_567));

        var returned = await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);

        Assert.True((returned.UpdatedAt - Time.GetUtcNow()).Duration() < TimeSpan.FromMilliseconds(1));
        AssertSameStage(returned, (await Store.GetStageAsync(Api("a"), "prod", Ct))!);
        AssertSameStage(returned, Assert.Single(await Store.ListStagesAsync(Ct), s => s.ApiId == Api("a")));
    }

    [Fact]
    public async Task PutStageAsync_ExpectedZero_CreatesWhenAbsent()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);

        var created = await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct);

        Assert.Equal(1, created.Version);
        Assert.NotNull(await Store.GetStageAsync(Api("a"), "prod", Ct));
    }

    [Fact]
    public async Task PutStageAsync_ExpectedZero_WhenItExists_ThrowsConflict()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = "kept" }, 0, Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct));

        var read = (await Store.GetStageAsync(Api("a"), "prod", Ct))!;
        Assert.Equal(1, read.Version);
        Assert.Equal("kept", read.Description);
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task PutStageAsync_ExpectedCurrentVersion_Updates()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        var v1 = await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct);

        var v2 = await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = "two" }, v1.Version, Ct);
        var v3 = await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = "three" }, v2.Version, Ct);

        Assert.Equal(3, v3.Version);
        Assert.Equal("three", (await Store.GetStageAsync(Api("a"), "prod", Ct))!.Description);
    }

    [Fact]
    public async Task PutStageAsync_StaleExpectedVersion_ThrowsConflictAndChangesNothing()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = "current" }, null, Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = "stale" }, 1, Ct));
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = "future" }, 3, Ct));

        var read = (await Store.GetStageAsync(Api("a"), "prod", Ct))!;
        Assert.Equal(2, read.Version);
        Assert.Equal("current", read.Description);
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task PutStageAsync_ExpectedVersionButAbsent_ThrowsConflict()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 1, Ct));

        Assert.Null(await Store.GetStageAsync(Api("a"), "prod", Ct));
    }

    [Fact]
    public async Task PutStageAsync_NegativeExpectedVersion_ThrowsArgumentOutOfRange()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), -1, Ct));
    }

    [Fact]
    public async Task PutStageAsync_MissingDeployment_ThrowsConflictAndChangesNothing()
    {
        var revision = await Store.GetRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "ghost"), null, Ct));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetStageAsync(Api("a"), "prod", Ct));
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task PutStageAsync_DeploymentOfAnotherApi_ThrowsConflict()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("b"), "d1"), Ct);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct));
    }

    [Fact]
    public async Task PutStageAsync_MissingCanaryDeployment_ThrowsConflictAndKeepsStage()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);

        var error = await Assert.ThrowsAsync<StoreConflictException>(
            () => Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Canary = Canary("ghost") }, 1, Ct));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        var read = (await Store.GetStageAsync(Api("a"), "prod", Ct))!;
        Assert.Equal(1, read.Version);
        Assert.Null(read.Canary);
    }

    [Fact]
    public async Task PutStageAsync_ConcurrentWritersWithSameExpectedVersion_ExactlyOneWins()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct);
        var other = await OpenSharedStoreAsync();

        for (long version = 1; version <= 15; version++)
        {
            var expected = version;
            var writers = new[] { (Store: Store, Name: "left"), (Store: other, Name: "right") }
                .Select(w => Task.Run(() => w.Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Description = w.Name }, expected, Ct)))
                .ToArray();
            await SettleAsync(writers);

            var winners = writers.Where(w => w.IsCompletedSuccessfully).Select(w => w.Result).ToList();
            var losers = writers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException).ToList();
            var winner = Assert.Single(winners);
            Assert.IsType<StoreConflictException>(Assert.Single(losers));
            Assert.Equal(version + 1, winner.Version);
            var read = (await Store.GetStageAsync(Api("a"), "prod", Ct))!;
            Assert.Equal(version + 1, read.Version);
            Assert.Equal(winner.Description, read.Description);
        }
    }

    [Fact]
    public async Task PutStageAsync_ConcurrentCreatesWithExpectedZero_ExactlyOneWins()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        var other = await OpenSharedStoreAsync();

        for (var round = 0; round < 10; round++)
        {
            var name = "stage" + round;
            var writers = new[] { Store, other }
                .Select(s => Task.Run(() => s.PutStageAsync(Stage(Api("a"), name, "d1"), 0, Ct)))
                .ToArray();
            await SettleAsync(writers);

            Assert.Equal(1, writers.Count(w => w.IsCompletedSuccessfully));
            Assert.IsType<StoreConflictException>(Assert.Single(writers, w => w.IsFaulted).Exception!.InnerException);
            Assert.Equal(1, (await Store.GetStageAsync(Api("a"), name, Ct))!.Version);
        }
    }

    [Fact]
    public async Task PutStageAsync_RacingDeleteOfItsDeployment_NeverLeavesStageOnMissingDeployment()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "base"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "base"), null, Ct);
        var other = await OpenSharedStoreAsync();

        for (var round = 0; round < 10; round++)
        {
            var target = "d" + round;
            await Store.CreateDeploymentAsync(Deployment(Api("a"), target), Ct);
            Task[] racers =
            [
                Task.Run(() => Store.PutStageAsync(Stage(Api("a"), "prod", target), null, Ct)),
                Task.Run(() => other.DeleteDeploymentAsync(Api("a"), target, Ct)),
            ];
            await SettleAsync(racers);

            // Exactly one of them wins, and whichever did, the stage still points at a deployment that exists.
            Assert.Equal(1, racers.Count(r => r.IsCompletedSuccessfully));
            var stage = (await Store.GetStageAsync(Api("a"), "prod", Ct))!;
            Assert.NotNull(await Store.GetDeploymentAsync(Api("a"), stage.DeploymentId, Ct));
            await Store.PutStageAsync(Stage(Api("a"), "prod", "base"), null, Ct);
        }
    }

    [Fact]
    public async Task GetStageAsync_Absent_ReturnsNull()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);

        Assert.Null(await Store.GetStageAsync(Api("a"), "dev", Ct));
        Assert.Null(await Store.GetStageAsync(Api("b"), "prod", Ct));
    }

    [Fact]
    public async Task ListStagesAsync_OrdersByApiIdThenNameOrdinally()
    {
        foreach (var api in new[] { Api("b"), Api("a"), Api("B") })
        {
            await Store.CreateDeploymentAsync(Deployment(api, "d1"), Ct);
            foreach (var name in new[] { "prod", "Prod", "_x", "dev", "a-b", "a_b" })
            {
                await Store.PutStageAsync(Stage(api, name, "d1"), null, Ct);
            }
        }

        var all = await Store.ListStagesAsync(Ct);
        var mine = all.Where(s => s.ApiId.StartsWith(_prefix, StringComparison.Ordinal)).Select(s => (s.ApiId, s.Name)).ToList();

        var expected = mine.OrderBy(s => s.ApiId, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(18, mine.Count);
        Assert.Equal(expected, mine);
        Assert.Equal(all.OrderBy(s => s.ApiId, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => (s.ApiId, s.Name)), all.Select(s => (s.ApiId, s.Name)));
    }

    [Fact]
    public async Task DeleteStageAsync_PresentThenAbsent_TrueThenFalse()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);
        await Store.PutStageAsync(Stage(Api("a"), "dev", "d1"), null, Ct);

        Assert.True(await Store.DeleteStageAsync(Api("a"), "prod", Ct));
        var revision = await Store.GetRevisionAsync(Ct);
        Assert.False(await Store.DeleteStageAsync(Api("a"), "prod", Ct));

        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
        Assert.Null(await Store.GetStageAsync(Api("a"), "prod", Ct));
        Assert.NotNull(await Store.GetStageAsync(Api("a"), "dev", Ct));
    }

    [Fact]
    public async Task PutStageAsync_AfterDelete_StartsAgainAtVersionOne()
    {
        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);
        await Store.DeleteStageAsync(Api("a"), "prod", Ct);

        Assert.Equal(1, (await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct)).Version);
    }

    // ---------------------------------------------------------------- domains

    [Fact]
    public async Task PutDomainAsync_MixedCase_StoresLowerCaseWithMappingsInOrder()
    {
        var domain = new DomainRecord
        {
            DomainName = Domain("API").ToUpperInvariant(),
            Mappings =
            [
                new BasePathMappingRecord { ApiId = Api("a"), Stage = "prod" },
                new BasePathMappingRecord { BasePath = "v2/orders", ApiId = Api("b"), Stage = "beta" },
                new BasePathMappingRecord { BasePath = "v1", ApiId = Api("a"), Stage = "old" },
            ],
        };

        await Store.PutDomainAsync(domain, Ct);
        var read = Assert.Single(await MyDomainsAsync());

        Assert.Equal(Domain("api"), read.DomainName);
        Assert.Equal(domain.Mappings, read.Mappings);
    }

    [Fact]
    public async Task PutDomainAsync_SameNameOtherCase_ReplacesMappings()
    {
        await Store.PutDomainAsync(new DomainRecord { DomainName = Domain("api"), Mappings = [new BasePathMappingRecord { ApiId = Api("a"), Stage = "prod" }] }, Ct);
        await Store.PutDomainAsync(new DomainRecord { DomainName = Domain("API").ToUpperInvariant(), Mappings = [] }, Ct);

        var read = Assert.Single(await MyDomainsAsync());
        Assert.Equal(Domain("api"), read.DomainName);
        Assert.Empty(read.Mappings);
    }

    [Fact]
    public async Task ListDomainsAsync_ReturnsEveryDomain()
    {
        await Store.PutDomainAsync(new DomainRecord { DomainName = Domain("b") }, Ct);
        await Store.PutDomainAsync(new DomainRecord { DomainName = Domain("a") }, Ct);

        Assert.Equal([Domain("a"), Domain("b")], (await MyDomainsAsync()).Select(d => d.DomainName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteDomainAsync_IsCaseInsensitive_FalseWhenAbsent()
    {
        await Store.PutDomainAsync(new DomainRecord { DomainName = Domain("api") }, Ct);

        Assert.True(await Store.DeleteDomainAsync(Domain("api").ToUpperInvariant(), Ct));
        var revision = await Store.GetRevisionAsync(Ct);
        Assert.False(await Store.DeleteDomainAsync(Domain("api"), Ct));

        Assert.Empty(await MyDomainsAsync());
        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    // ---------------------------------------------------------------- revision

    [Fact]
    public async Task GetRevisionAsync_EveryKindOfWrite_StrictlyIncreases_ReadsDoNot()
    {
        var writes = new (string Name, Func<Task> Write)[]
        {
            ("create deployment d1", () => Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct)),
            ("create deployment d2", () => Store.CreateDeploymentAsync(Deployment(Api("a"), "d2"), Ct)),
            ("create stage", () => Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct)),
            ("update stage", () => Store.PutStageAsync(Stage(Api("a"), "prod", "d2"), 1, Ct)),
            ("delete deployment", () => Store.DeleteDeploymentAsync(Api("a"), "d1", Ct)),
            ("put domain", () => Store.PutDomainAsync(new DomainRecord { DomainName = Domain("x") }, Ct)),
            ("replace domain", () => Store.PutDomainAsync(new DomainRecord { DomainName = Domain("x") }, Ct)),
            ("delete domain", () => Store.DeleteDomainAsync(Domain("x"), Ct)),
            ("delete stage", () => Store.DeleteStageAsync(Api("a"), "prod", Ct)),
        };

        foreach (var (name, write) in writes)
        {
            var before = await Store.GetRevisionAsync(Ct);
            await ReadEverythingAsync(Store);
            Assert.Equal(before, await Store.GetRevisionAsync(Ct));

            await write();

            var after = await Store.GetRevisionAsync(Ct);
            Assert.True(after > before, $"{name}: revision {before} -> {after}");
        }
    }

    [Fact]
    public async Task GetRevisionAsync_RejectedArguments_DoNotMoveIt()
    {
        var revision = await Store.GetRevisionAsync(Ct);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CreateDeploymentAsync(Deployment(Api("a"), " "), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutDomainAsync(new DomainRecord { DomainName = "" }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Store.PutStageAsync(Stage(Api("a"), "prod", "d1") with { Canary = Canary("d1", 100.5) }, null, Ct));

        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task GetRevisionAsync_ManyConcurrentWritersOnTwoInstances_CountsEveryWriteAndNeverGoesBack()
    {
        var other = await OpenSharedStoreAsync();
        var start = await Store.GetRevisionAsync(Ct);
        const int writesPerInstance = 25;
        using var stop = new CancellationTokenSource();

        // A poller on a third instance must only ever see the number grow.
        var pollerStore = await OpenSharedStoreAsync();
        var poller = Task.Run(async () =>
        {
            var seen = new List<long>();
            while (!stop.IsCancellationRequested)
            {
                seen.Add(await pollerStore.GetRevisionAsync(Ct));
            }

            return seen;
        });

        var writers = new[] { Store, other }.Select((store, n) => Task.Run(async () =>
        {
            for (var i = 0; i < writesPerInstance; i++)
            {
                var before = await store.GetRevisionAsync(Ct);
                await store.CreateDeploymentAsync(Deployment(Api("a"), $"w{n}-{i}"), Ct);
                Assert.True(await store.GetRevisionAsync(Ct) > before);
            }
        }));
        await Task.WhenAll(writers).WaitAsync(Timeout);
        await stop.CancelAsync();
        var seen = await poller.WaitAsync(Timeout);

        Assert.Equal(start + (2 * writesPerInstance), await Store.GetRevisionAsync(Ct));
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(2 * writesPerInstance, (await Store.ListDeploymentsAsync(Api("a"), Ct)).Count);
    }

    // ---------------------------------------------------------------- sharing

    [Fact]
    public async Task SecondInstance_OverSameStorage_SeesFirstInstancesWrites()
    {
        await using var second = await CreateSharedStoreAsync(Time);
        await second.InitializeAsync(Ct).WaitAsync(Timeout);
        var revision = await second.GetRevisionAsync(Ct);

        await Store.CreateDeploymentAsync(Deployment(Api("a"), "d1"), Ct);
        await Store.PutStageAsync(Stage(Api("a"), "prod", "d1"), null, Ct);
        await Store.PutDomainAsync(new DomainRecord { DomainName = Domain("api"), Mappings = [new BasePathMappingRecord { ApiId = Api("a"), Stage = "prod" }] }, Ct);

        Assert.True(await second.GetRevisionAsync(Ct) >= revision + 3);
        Assert.NotNull(await second.GetDeploymentAsync(Api("a"), "d1", Ct));
        Assert.Equal(1, (await second.GetStageAsync(Api("a"), "prod", Ct))!.Version);
        Assert.Contains(await second.ListDomainsAsync(Ct), d => d.DomainName == Domain("api"));

        // And the other way round: the second instance's version check sees the first's write.
        await Assert.ThrowsAsync<StoreConflictException>(() => second.PutStageAsync(Stage(Api("a"), "prod", "d1"), 0, Ct));
        Assert.Equal(2, (await second.PutStageAsync(Stage(Api("a"), "prod", "d1"), 1, Ct)).Version);
        Assert.Equal(2, (await Store.GetStageAsync(Api("a"), "prod", Ct))!.Version);
    }

    // ---------------------------------------------------------------- helpers

    private async Task<IDefinitionStore> OpenSharedStoreAsync()
    {
        var store = Track(await CreateSharedStoreAsync(Time));
        await store.InitializeAsync(Ct).WaitAsync(Timeout);
        return store;
    }

    // ---------------------------------------------------------------- usage plans and usage

    [Fact]
    public async Task GetUsagePlansAsync_NeverPut_IsEmpty()
    {
        var open = await CreateFreshStorageAsync();
        var store = Track(open(Time));
        await store.InitializeAsync(Ct);

        var plans = await store.GetUsagePlansAsync(Ct);

        Assert.Empty(plans.Keys);
        Assert.Empty(plans.Plans);
    }

    [Fact]
    public async Task PutUsagePlansAsync_ThenGet_RoundTripsEveryFieldAndBumpsRevision()
    {
        var plans = Plans(_prefix);
        var before = await Store.GetRevisionAsync(Ct);

        await Store.PutUsagePlansAsync(plans, Ct);
        var other = await OpenSharedStoreAsync();
        var read = await other.GetUsagePlansAsync(Ct);

        Assert.True(await Store.GetRevisionAsync(Ct) > before);
        Assert.Equal(DefinitionStoreRulesJson(plans), DefinitionStoreRulesJson(read));
        var key = Assert.Single(read.Keys);
        Assert.Equal(new string('a', 64), key.ValueHash);
        Assert.False(key.Enabled);
        var plan = Assert.Single(read.Plans);
        Assert.Equal(new ThrottleRecord(2.5, 7), plan.ApiStages[0].Throttle["/items/{id}/GET"]);
        Assert.Equal(new QuotaRecord(100, "WEEK", 3), plan.Quota);
        Assert.Equal(Start, plan.CreatedAt);
    }

    [Fact]
    public async Task PutUsagePlansAsync_Unchanged_LeavesRevision()
    {
        await Store.PutUsagePlansAsync(Plans(_prefix), Ct);
        var revision = await Store.GetRevisionAsync(Ct);

        await Store.PutUsagePlansAsync(Plans(_prefix), Ct);

        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
    }

    [Fact]
    public async Task AddUsageAsync_AddsUpPerPlanKeyAndDay_WithoutBumpingRevision()
    {
        var plan = _prefix + "-plan";
        var day = new DateOnly(2026, 3, 4);
        var revision = await Store.GetRevisionAsync(Ct);

        await Store.AddUsageAsync([new(plan, "k2", day, 5), new(plan, "k1", day, 1), new(plan, "k1", day.AddDays(1), 2)], Ct);
        await Store.AddUsageAsync([new(plan, "k1", day, 3), new(plan + "x", "k1", day, 100)], Ct);
        await Store.AddUsageAsync([], Ct);

        Assert.Equal(revision, await Store.GetRevisionAsync(Ct));
        Assert.Equal(
            [new(plan, "k1", day, 4), new(plan, "k1", day.AddDays(1), 2), new(plan, "k2", day, 5)],
            await Store.GetUsageAsync(plan, day, day.AddDays(1), Ct));
        Assert.Equal([new(plan, "k1", day.AddDays(1), 2)], await Store.GetUsageAsync(plan, day.AddDays(1), day.AddDays(9), Ct));
    }

    [Fact]
    public async Task AddUsageAsync_ConcurrentFlushes_LoseNothing()
    {
        var plan = _prefix + "-concurrent";
        var day = new DateOnly(2026, 3, 4);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.AddUsageAsync([new(plan, "k", day, 1)], Ct)))).WaitAsync(Timeout);

        Assert.Equal(20, Assert.Single(await Store.GetUsageAsync(plan, day, day, Ct)).Count);
    }

    private static string DefinitionStoreRulesJson(UsagePlansRecord plans) => System.Text.Json.JsonSerializer.Serialize(plans);

    private static UsagePlansRecord Plans(string prefix) => new()
    {
        Keys = [new ApiKeyRecord { Name = prefix + "-key", ValueHash = new string('a', 64), Enabled = false, CustomerId = "c", Description = "d" }],
        Plans =
        [
            new UsagePlanRecord
            {
                Name = prefix + "-gold",
                Description = "gold",
                CreatedAt = Start,
                Throttle = new ThrottleRecord(10, 20),
                Quota = new QuotaRecord(100, "WEEK", 3),
                ApiStages = [new UsagePlanStageRecord { ApiId = "shop", Stage = "prod", Throttle = new Dictionary<string, ThrottleRecord> { ["/items/{id}/GET"] = new(2.5, 7) } }],
                Keys = [prefix + "-key"],
            },
        ],
    };

    /// <summary>Waits (bounded) until every task has finished, whether it succeeded or failed.</summary>
    private static async Task SettleAsync(Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(Timeout);
        }
        catch (StoreConflictException)
        {
            // Expected from the losers; the caller inspects each task.
        }
    }

    private IDefinitionStore Track(IDefinitionStore store)
    {
        _stores.Add(store);
        return store;
    }

    private string Api(string name) => $"{_prefix}-{name}";

    private string Domain(string name) => $"{name}.{_prefix}.example.test";

    private async Task<List<DomainRecord>> MyDomainsAsync() =>
        [.. (await Store.ListDomainsAsync(Ct)).Where(d => d.DomainName.EndsWith($".{_prefix}.example.test", StringComparison.Ordinal))];

    private async Task ReadEverythingAsync(IDefinitionStore store)
    {
        await store.GetDeploymentAsync(Api("a"), "d1", Ct);
        await store.ListDeploymentsAsync(Api("a"), Ct);
        await store.GetStageAsync(Api("a"), "prod", Ct);
        await store.ListStagesAsync(Ct);
        await store.ListDomainsAsync(Ct);
    }

    private static DeploymentRecord Deployment(string apiId, string id, DateTimeOffset? createdAt = null) => new()
    {
        ApiId = apiId,
        Id = id,
        CreatedAt = createdAt ?? Start,
        DefinitionJson = $"{{\"id\":\"{id}\"}}",
        ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
    };

    private static StageRecord Stage(string apiId, string name, string deploymentId) => new()
    {
        ApiId = apiId,
        Name = name,
        DeploymentId = deploymentId,
    };

    private static CanaryRecord Canary(string deploymentId, double percent = 10, Dictionary<string, string>? overrides = null) => new()
    {
        DeploymentId = deploymentId,
        PercentTraffic = percent,
        StageVariableOverrides = overrides ?? [],
    };

    private static void AssertSameStage(StageRecord expected, StageRecord actual)
    {
        Assert.Equal(expected.ApiId, actual.ApiId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.DeploymentId, actual.DeploymentId);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Variables.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Variables.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Canary is null, actual.Canary is null);
        if (expected.Canary is not null)
        {
            Assert.Equal(expected.Canary.DeploymentId, actual.Canary!.DeploymentId);
            Assert.Equal(expected.Canary.PercentTraffic, actual.Canary.PercentTraffic);
            Assert.Equal(
                expected.Canary.StageVariableOverrides.OrderBy(p => p.Key, StringComparer.Ordinal),
                actual.Canary.StageVariableOverrides.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }
}
