namespace Lakegate.Core.Mapping;

/// <summary>Reads and checks <c>contentHandling</c> values as API Gateway spells them.</summary>
public static class ContentHandlingModes
{
    public const string ConvertToBinary = "CONVERT_TO_BINARY";
    public const string ConvertToText = "CONVERT_TO_TEXT";

    /// <summary>Null or empty is passthrough; an unknown value is refused by validation before deploy and is passthrough here.</summary>
    public static ContentHandlingMode Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        ConvertToBinary => ContentHandlingMode.ConvertToBinary,
        ConvertToText => ContentHandlingMode.ConvertToText,
        _ => ContentHandlingMode.Passthrough,
    };

    /// <summary>True for the two values AWS accepts, and for none.</summary>
    public static bool IsValid(string? value) => string.IsNullOrEmpty(value) || value is ConvertToBinary or ConvertToText;
}
