using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Pipeline;

/// <summary>What a step or integration factory sees of the route it compiles for.</summary>
public sealed record RouteCompileContext(ApiDefinition Api, RouteDefinition Route, string DeploymentId);
