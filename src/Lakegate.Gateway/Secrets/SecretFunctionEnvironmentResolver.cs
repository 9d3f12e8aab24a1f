using Lakegate.Core.Definitions;
using Lakegate.Gateway.Functions;

namespace Lakegate.Gateway.Secrets;

/// <summary>
/// Function environments with <c>{{secret:NAME[:KEY]}}</c> values: each value goes through the one
/// <see cref="SecretResolver"/> when a worker starts, so a rotated secret reaches every worker started
/// after the rotation (warm workers keep the value they started with, as a Lambda execution
/// environment keeps its environment). A value that cannot be resolved (no master key, unknown secret,
/// version or key) starts no worker; the error names the variable and the reference, never a value.
/// </summary>
public sealed class SecretFunctionEnvironmentResolver(SecretResolver secrets) : IFunctionEnvironmentResolver
{
    public ValueTask<FunctionEnvironment> ResolveAsync(FunctionDefinition function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var resolved = new Dictionary<string, string>(function.Environment.Count, StringComparer.Ordinal);
        foreach (var (name, value) in function.Environment)
        {
            var errors = new List<string>();
            resolved[name] = secrets.Resolve(value, errors);
            if (errors.Count > 0)
            {
                return ValueTask.FromResult(FunctionEnvironment.Failed(
                    $"environment variable {name} references a secret that cannot be resolved: {string.Join("; ", errors)}"));
            }
        }

        return ValueTask.FromResult(FunctionEnvironment.Resolved(resolved));
    }
}
