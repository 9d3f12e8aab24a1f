using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Declared functions (names, limits, targets) and the routes that invoke them: a route's
/// <c>function:</c> or Lambda URI must name a declared function.
/// </summary>
internal sealed class FunctionValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in config.Functions)
        {
            var label = $"function {function.Name}";
            var position = function.Position;
            if (!FunctionReference.IsValidName(function.Name))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: name must match ^[A-Za-z0-9_-]{{1,64}}$"));
            }

            if (!names.Add(function.Name))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label} is declared more than once"));
            }

            if (function.TimeoutSeconds is < 1 or > FunctionDefinition.MaxTimeoutSeconds)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: timeoutSeconds {function.TimeoutSeconds} must be within 1..{FunctionDefinition.MaxTimeoutSeconds}"));
            }

            if (function.MemoryMb is < 128 or > 10_240)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: memoryMb {function.MemoryMb} must be within 128..10240"));
            }

            if (function.MaxConcurrency is < 1 or > 1000)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: maxConcurrency {function.MaxConcurrency} must be within 1..1000"));
            }

            if (function.MinWarm < 0 || function.MinWarm > function.MaxConcurrency)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: minWarm {function.MinWarm} must be within 0..maxConcurrency ({function.MaxConcurrency})"));
            }

            if (function.Url is { } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: url '{url}' must be an absolute http:// or https:// URL"));
            }
        }

        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                // integrationSubtype marks an HTTP API first-class service integration (SQS-SendMessage, ...), not a Lambda.
                if (route.Integration.Type is not (IntegrationType.AwsProxy or IntegrationType.Aws) || route.Integration.Extras.ContainsKey("integrationSubtype"))
                {
                    continue;
                }

                var name = FunctionReference.Resolve(route.Integration, out var source);
                var position = route.Integration.Position ?? route.Position;
                var label = $"api {api.Id}: route {route.RouteKey}: integration";
                if (name is null)
                {
                    if (route.Integration.Type == IntegrationType.AwsProxy && route.Integration.Extras.ContainsKey(FunctionReference.ExtrasKey))
                    {
                        diagnostics.Add(Diagnostic.Error(position, $"{label}: function must be the name of a declared function"));
                    }
                    else if (route.Integration.Type == IntegrationType.AwsProxy && route.Integration.Uri is null)
                    {
                        diagnostics.Add(Diagnostic.Error(position, $"{label}: aws_proxy needs 'function: NAME' or a Lambda invocation uri (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/arn:aws:lambda:REGION:ACCOUNT:function:NAME/invocations)"));
                    }

                    continue;
                }

                // Resolved per request from the stage's variables.
                if (name.Contains("${stageVariables.", StringComparison.Ordinal) || names.Contains(name))
                {
                    continue;
                }

                // An OpenAPI export cannot declare functions: its Lambda URIs load with a warning, so the
                // rest of the API still serves; a lakegate.yaml that declares functions must name one of them.
                if (source == FunctionReference.Source.Uri && config.Functions.Count == 0)
                {
                    diagnostics.Add(Diagnostic.Warning(position, $"{label}: Lambda function '{name}' is not declared (no functions: in this definition); requests will get 500"));
                }
                else
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: function '{name}' is not declared under functions:"));
                }
            }
        }
    }
}
