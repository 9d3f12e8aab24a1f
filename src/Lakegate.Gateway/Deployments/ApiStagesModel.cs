using System.Collections.Frozen;
using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Deployments;

/// <summary>The stages of one API, by name.</summary>
public sealed record ApiStagesModel(string ApiId, ApiKind Kind, FrozenDictionary<string, StageModel> Stages);
