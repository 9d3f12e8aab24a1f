using System.Security.Cryptography;
using Lakegate.Gateway.Steps.ApiKey;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.ApiKeys;

/// <summary>
/// API keys and usage-plan bindings managed at run time (CLI <c>lakegate keys</c>, admin
/// <c>/apikeys</c>): create (the value is returned once and stored only as its SHA-256), list,
/// enable/disable, delete, add to and remove from a plan. Every change is one write of the
/// keys-and-plans document, which bumps the store revision: every node recompiles within its poll
/// interval, no restart. Changes read, modify and write the document; two writers at the same
/// instant may lose one change (the store has no compare-and-set for it), which an operator sees in
/// the answer of the next list.
/// </summary>
public sealed class ApiKeyService(IDefinitionStore store, TimeProvider time)
{
    /// <summary>AWS's generated keys are 40 characters; these are too, from 62 letters and digits (~238 bits).</summary>
    public const int GeneratedLength = 40;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Creates a key. Returns the stored record and the value, which nothing will show again.</summary>
    /// <exception cref="ArgumentException">A bad name, value or plan list (message says which).</exception>
    /// <exception cref="StoreConflictException">The name or the value is taken, or a plan would put the key twice on one stage.</exception>
    public async Task<(ApiKeyRecord Key, string Value)> CreateAsync(ApiKeyCreateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckName(request.Name);
        var value = request.Value ?? RandomNumberGenerator.GetString(Alphabet, GeneratedLength);
        if (value.Length is < 20 or > 128)
        {
            throw new ArgumentException("value must be 20 to 128 characters");
        }

        var record = await store.GetUsagePlansAsync(cancellationToken);
        if (record.Keys.Any(k => k.Name == request.Name))
        {
            throw new StoreConflictException($"an API key named '{request.Name}' already exists");
        }

        var hash = ApiKeyHash.Compute(value);
        if (record.Keys.Any(k => k.ValueHash == hash))
        {
            throw new StoreConflictException("another API key has this value");
        }

        var key = new ApiKeyRecord
        {
            Name = request.Name,
            ValueHash = hash,
            Enabled = request.Enabled,
            CustomerId = request.CustomerId,
            Description = request.Description,
            Managed = true,
            CreatedAt = time.GetUtcNow(),
        };
        var updated = record with { Keys = [.. record.Keys, key] };
        foreach (var plan in request.UsagePlans)
        {
            updated = Bind(updated, plan, key.Name);
        }

        await store.PutUsagePlansAsync(updated, cancellationToken);
        return (key, value);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        (await store.GetUsagePlansAsync(cancellationToken)).Keys;

    /// <summary>The plans that list a key, by name.</summary>
    public static IReadOnlyList<string> PlansOf(UsagePlansRecord record, string keyName) =>
        [.. record.Plans.Where(p => p.Keys.Contains(keyName)).Select(p => p.Name)];

    public async Task<UsagePlansRecord> GetAsync(CancellationToken cancellationToken) => await store.GetUsagePlansAsync(cancellationToken);

    /// <summary>Enables or disables a key (declared keys too, until the next whole-file deploy). Null when there is no such key.</summary>
    public async Task<ApiKeyRecord?> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        var record = await store.GetUsagePlansAsync(cancellationToken);
        var key = record.Keys.FirstOrDefault(k => k.Name == name);
        if (key is null)
        {
            return null;
        }

        var changed = key with { Enabled = enabled };
        await store.PutUsagePlansAsync(record with { Keys = [.. record.Keys.Select(k => k.Name == name ? changed : k)] }, cancellationToken);
        return changed;
    }

    /// <summary>Deletes a key and its plan bindings. False when there is no such key.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var record = await store.GetUsagePlansAsync(cancellationToken);
        if (!record.Keys.Any(k => k.Name == name))
        {
            return false;
        }

        await store.PutUsagePlansAsync(record with
        {
            Keys = [.. record.Keys.Where(k => k.Name != name)],
            Plans = [.. record.Plans.Select(p => p.Keys.Contains(name) ? p with { Keys = [.. p.Keys.Where(k => k != name)] } : p)],
        }, cancellationToken);
        return true;
    }

    /// <summary>Binds a key to a plan (CreateUsagePlanKey).</summary>
    /// <exception cref="KeyNotFoundException">No such plan or key.</exception>
    /// <exception cref="StoreConflictException">Already bound, or another plan of the key covers one of this plan's stages.</exception>
    public async Task AddToPlanAsync(string planName, string keyName, CancellationToken cancellationToken)
    {
        var record = await store.GetUsagePlansAsync(cancellationToken);
        if (!record.Keys.Any(k => k.Name == keyName))
        {
            throw new KeyNotFoundException($"no API key '{keyName}'");
        }

        await store.PutUsagePlansAsync(Bind(record, planName, keyName), cancellationToken);
    }

    /// <summary>Removes a key from a plan (DeleteUsagePlanKey). False when the plan does not list it.</summary>
    /// <exception cref="KeyNotFoundException">No such plan.</exception>
    public async Task<bool> RemoveFromPlanAsync(string planName, string keyName, CancellationToken cancellationToken)
    {
        var record = await store.GetUsagePlansAsync(cancellationToken);
        var plan = record.Plans.FirstOrDefault(p => p.Name == planName) ?? throw new KeyNotFoundException($"no usage plan '{planName}'");
        if (!plan.Keys.Contains(keyName))
        {
            return false;
        }

        await store.PutUsagePlansAsync(record with
        {
            Plans = [.. record.Plans.Select(p => p.Name == planName ? p with { Keys = [.. p.Keys.Where(k => k != keyName)] } : p)],
        }, cancellationToken);
        return true;
    }

    private static UsagePlansRecord Bind(UsagePlansRecord record, string planName, string keyName)
    {
        var plan = record.Plans.FirstOrDefault(p => p.Name == planName) ?? throw new KeyNotFoundException($"no usage plan '{planName}'");
        if (plan.Keys.Contains(keyName))
        {
            throw new StoreConflictException($"API key '{keyName}' is already in usage plan '{planName}'");
        }

        // AWS: a key may be in many plans, but in only one plan per api stage.
        var stages = plan.ApiStages.Select(s => (s.ApiId, s.Stage)).ToHashSet();
        var clash = record.Plans.FirstOrDefault(p => p.Name != planName && p.Keys.Contains(keyName) && p.ApiStages.Any(s => stages.Contains((s.ApiId, s.Stage))));
        if (clash is not null)
        {
            throw new StoreConflictException($"API key '{keyName}' is already in usage plan '{clash.Name}', which covers a stage of '{planName}'");
        }

        return record with { Plans = [.. record.Plans.Select(p => p.Name == planName ? p with { Keys = [.. p.Keys, keyName] } : p)] };
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 1024 || name.Any(char.IsControl))
        {
            throw new ArgumentException("name must be 1 to 1024 characters, without control characters");
        }
    }
}
