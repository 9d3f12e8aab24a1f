namespace Lakegate.Gateway.Functions;

/// <summary>A Runtime API answer other than <c>/next</c>'s event: status and JSON body, as the Lambda Runtime Interface Emulator writes them.</summary>
internal readonly record struct RuntimeApiReply(int StatusCode, string Body)
{
    public static readonly RuntimeApiReply Accepted = new(202, """{"status":"OK"}""");

    public static RuntimeApiReply InvalidRequestId() =>
        new(400, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");

    public static RuntimeApiReply InvalidStateTransition(string from, string to) =>
        new(403, $$"""{"errorMessage":"State transition from {{from}} to {{to}} failed for runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}""");

    public static RuntimeApiReply TooLarge(int limit) =>
        new(413, $$"""{"errorMessage":"Exceeded maximum allowed payload size ({{limit}} bytes).","errorType":"RequestEntityTooLarge"}""");
}
