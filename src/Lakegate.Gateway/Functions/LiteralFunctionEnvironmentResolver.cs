using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// The default <see cref="IFunctionEnvironmentResolver"/>: values are used as written. A value that
/// holds a secret reference (<c>{{secret:NAME:KEY}}</c>) is refused rather than passed on literally,
/// so a function never runs believing it got a password when it got the reference text.
/// </summary>
public sealed class LiteralFunctionEnvironmentResolver : IFunctionEnvironmentResolver
{
    public const string SecretReferencePrefix = "{{secret:";

    public ValueTask<FunctionEnvironment> ResolveAsync(FunctionDefinition function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        foreach (var (name, value) in function.Environment)
        {
            if (value.Contains(SecretReferencePrefix, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(FunctionEnvironment.Failed(
                    $"environment variable {name} references a secret, but this node has no secret store to resolve it"));
            }
        }

        return ValueTask.FromResult(FunctionEnvironment.Resolved(function.Environment));
    }
}
