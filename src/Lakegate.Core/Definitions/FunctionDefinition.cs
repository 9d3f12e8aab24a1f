namespace Lakegate.Core.Definitions;

/// <summary>
/// A function declared under <c>functions:</c> in lakegate.yaml: either a command Lakegate starts as
/// worker processes that speak the Lambda Runtime API, or (<see cref="Url"/>) an HTTP endpoint that
/// takes the event JSON in a POST and answers with the proxy response.
/// </summary>
public sealed record FunctionDefinition
{
    /// <summary>Unique, <c>^[A-Za-z0-9_-]{1,64}$</c> (a Lambda function name).</summary>
    public required string Name { get; init; }

    /// <summary>Executable and arguments, e.g. <c>[node, node_modules/aws-lambda-ric/bin/index.mjs, index.handler]</c>. Empty for a url target.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Passed as <c>_HANDLER</c>.</summary>
    public string? Handler { get; init; }

    /// <summary>Absolute (resolved against the config file's directory when loaded); null = the config file's directory or the current one.</summary>
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = Empty.Strings;

    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>A hint only: exported as <c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>, not enforced.</summary>
    public int MemoryMb { get; init; } = DefaultMemoryMb;

    /// <summary>Most worker processes (and so concurrent invocations) at once.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <summary>Workers started with the gateway and kept running.</summary>
    public int MinWarm { get; init; }

    /// <summary>An <c>http</c> target: POST the event here instead of starting processes.</summary>
    public string? Url { get; init; }

    public SourcePosition? Position { get; init; }

    public const int DefaultTimeoutSeconds = 3;
    public const int MaxTimeoutSeconds = 900;
    public const int DefaultMemoryMb = 128;
    public const int DefaultMaxConcurrency = 10;
}
