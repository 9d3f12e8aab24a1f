namespace Lakegate.Core.GatewayResponses;

/// <summary>A response type's built-in status, <c>x-amzn-ErrorType</c> and default message.</summary>
public sealed record GatewayResponseDefault(
    GatewayResponseType Type,
    string Name,
    int StatusCode,
    string ErrorType,
    string? Message);
