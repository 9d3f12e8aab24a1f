namespace Lakegate.Core.Datasets;

/// <summary>
/// A refused dataset request, in PostgREST's error shape <c>{code, message, details, hint}</c>. Codes
/// are stable (<see cref="QueryErrorCodes"/>); messages may quote what the caller sent, never server internals.
/// </summary>
public sealed record QueryError(int Status, string Code, string Message, string? Details = null, string? Hint = null);
