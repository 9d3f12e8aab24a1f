namespace Lakegate.Core.Mapping;

/// <summary>An integration's or integration response's <c>contentHandling</c> (reference §1.11).</summary>
public enum ContentHandlingMode
{
    /// <summary>Absent: the payload passes as it is (with the implicit conversions of the response table).</summary>
    Passthrough,

    /// <summary><c>CONVERT_TO_BINARY</c>: a text payload is base64 and is decoded; a binary payload stays.</summary>
    ConvertToBinary,

    /// <summary><c>CONVERT_TO_TEXT</c>: a binary payload is base64-encoded; a text payload stays.</summary>
    ConvertToText,
}
