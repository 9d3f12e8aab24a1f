using Lakegate.Core.Definitions;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Deployments;

/// <summary>A route of one deployment, compiled: its definition and its ready-to-run chain.</summary>
public sealed record RouteModel(RouteDefinition Definition, GatewayStepDelegate Chain);
