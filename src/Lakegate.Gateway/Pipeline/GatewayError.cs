using Lakegate.Core.GatewayResponses;

namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// An expected failure (no route, denied, throttled, backend down): a value a step sets on the
/// context instead of throwing. One writer turns it into the matching Gateway Response.
/// </summary>
/// <param name="Type">Which Gateway Response renders it.</param>
/// <param name="Message">Overrides the type's default message in <c>$context.error.message</c>.</param>
/// <param name="StatusCode">Overrides the type's default status (a customised response still wins).</param>
/// <param name="Detail">For the log only; never sent to the client.</param>
/// <param name="ValidationErrorString">Request validation details, as <c>$context.error.validationErrorString</c>.</param>
/// <param name="MessageProperty">The default body's property name: AWS writes IAM and authorizer denials as <c>{"Message":...}</c>.</param>
public sealed record GatewayError(
    GatewayResponseType Type,
    string? Message = null,
    int? StatusCode = null,
    string? Detail = null,
    string? ValidationErrorString = null,
    string? MessageProperty = null);
