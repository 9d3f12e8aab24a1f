namespace Lakegate.Core.Definitions;

public sealed record RequestValidatorDefinition
{
    public bool ValidateRequestBody { get; init; }

    public bool ValidateRequestParameters { get; init; }
}
