using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// The one place a function's declared <c>environment</c> becomes the values its worker process gets.
/// Called for every worker started (so a rotated secret reaches the next worker), never on the
/// invoke path of a warm worker. The gateway registers <c>Secrets.SecretFunctionEnvironmentResolver</c>
/// (values through the secret store's resolver); <see cref="LiteralFunctionEnvironmentResolver"/> passes
/// values through and refuses <c>{{secret:NAME:KEY}}</c> references.
/// </summary>
public interface IFunctionEnvironmentResolver
{
    /// <returns>The resolved variables, or an error naming the variable (never its value) that could not be resolved.</returns>
    ValueTask<FunctionEnvironment> ResolveAsync(FunctionDefinition function, CancellationToken cancellationToken);
}
