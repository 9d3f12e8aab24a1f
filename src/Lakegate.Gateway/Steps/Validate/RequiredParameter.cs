using Lakegate.Core.Mapping;

namespace Lakegate.Gateway.Steps.Validate;

/// <summary>A <c>method.request.{location}.{name}</c> declared required, parsed once per deployment.</summary>
internal readonly record struct RequiredParameter(ParameterLocation Location, string Name);
