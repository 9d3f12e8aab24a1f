using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Deployments;

/// <summary>A throttle with the bucket key it counts in, built once per snapshot so requests allocate no key strings.</summary>
public sealed record MethodThrottleModel(ThrottleRecord Throttle, string BucketKey);
