using System.Collections.Frozen;
using Lakegate.Core.Iam;
using Lakegate.Gateway.Secrets;

namespace Lakegate.Gateway.Steps.Authenticate;

/// <summary>
/// The access keys this node verifies signatures with: built from the current <see cref="SecretsSnapshot"/>
/// (decrypted secrets, parsed policies) and rebuilt when the snapshot is swapped, so a new, disabled or
/// deleted key takes effect within one store poll. A key whose stored policy no longer parses gets no policies
/// (implicit deny), never broader access.
/// </summary>
public sealed class IamAccessKeys(SecretsState secrets)
{
    private volatile Built? _built;

    public IamAccessKeyModel? Find(string accessKeyId)
    {
        var snapshot = secrets.Current;
        var built = _built;
        if (built is null || !ReferenceEquals(built.Snapshot, snapshot))
        {
            built = new Built(snapshot, Build(snapshot));
            _built = built;
        }

        return built.Keys.GetValueOrDefault(accessKeyId);
    }

    private static FrozenDictionary<string, IamAccessKeyModel> Build(SecretsSnapshot snapshot) =>
        snapshot.AccessKeys.Values.ToFrozenDictionary(
            k => k.Key.AccessKeyId,
            k =>
            {
                var policies = new List<IamPolicy>();
                foreach (var text in k.Key.Policies)
                {
                    var errors = new List<string>();
                    if (IamPolicy.Parse(text, errors) is { } policy)
                    {
                        policies.Add(policy);
                    }
                }

                return new IamAccessKeyModel(k.Key.AccessKeyId, k.SecretAccessKey, k.Key.Enabled,
                    IamPrincipal.User(k.Key.AccountId, k.Key.UserName), policies);
            },
            StringComparer.Ordinal);

    private sealed record Built(SecretsSnapshot Snapshot, FrozenDictionary<string, IamAccessKeyModel> Keys);
}
