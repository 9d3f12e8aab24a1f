using Lakegate.Gateway.Deployments;

namespace Lakegate.Gateway.Routing;

/// <summary>
/// Which API and stage an invoke URL names, and the path below them. <see cref="Api"/> null: no
/// API matched; <see cref="Stage"/> null: the API exists but the stage does not.
/// </summary>
public readonly record struct InvokeTarget(ApiStagesModel? Api, StageModel? Stage, int PathStart, string? BasePathMatched);
