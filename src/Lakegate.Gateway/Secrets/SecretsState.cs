namespace Lakegate.Gateway.Secrets;

/// <summary>The <see cref="SecretsSnapshot"/> this node uses now; swapped by the store watcher when the secret store's revision moves.</summary>
public sealed class SecretsState(SecretVault vault)
{
    private volatile SecretsSnapshot _current = SecretsSnapshot.Empty;

    public SecretsSnapshot Current => _current;

    public bool HasMasterKey => vault.HasMasterKey;

    public SecretVault Vault => vault;

    public void Swap(SecretsSnapshot snapshot) => _current = snapshot;
}
