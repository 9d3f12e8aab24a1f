using Lakegate.Core.Definitions;
using Lakegate.Core.Secrets;

namespace Lakegate.Gateway.Secrets;

/// <summary>
/// Deploy-time check that every <c>{{secret:...}}</c> in a definition names a secret (and version,
/// and JSON key when the master key is at hand) that exists, so a typo fails the deploy with
/// file:line:col instead of taking a stage dark later.
/// </summary>
public static class SecretReferenceChecker
{
    public static async Task<IReadOnlyList<Diagnostic>> CheckAsync(LakegateConfig config, SecretVault? vault, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        if (config.SecretReferences.Count == 0)
        {
            return diagnostics;
        }

        if (vault is null || !vault.HasMasterKey)
        {
            var first = config.SecretReferences[0];
            diagnostics.Add(Diagnostic.Error(first.Position, $"{first.Reference.Text}: {MasterKey.Missing}"));
            return diagnostics;
        }

        await vault.Store.InitializeAsync(cancellationToken);
        foreach (var use in config.SecretReferences)
        {
            var reference = use.Reference;
            var value = await vault.GetValueAsync(reference.Name, reference.Version, cancellationToken);
            var errors = new List<string>();
            SecretReferences.Select(reference, _ => value, errors);
            foreach (var error in errors)
            {
                diagnostics.Add(Diagnostic.Error(use.Position, $"{reference.Text}: {error}"));
            }
        }

        return diagnostics;
    }
}
