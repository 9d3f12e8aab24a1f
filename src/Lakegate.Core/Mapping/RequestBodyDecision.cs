namespace Lakegate.Core.Mapping;

/// <summary>The outcome of request template selection (reference §1.6).</summary>
public enum RequestBodyDecision
{
    /// <summary>Render the selected template.</summary>
    Transform,

    /// <summary>Send the method request body unchanged.</summary>
    PassThrough,

    /// <summary>415 UNSUPPORTED_MEDIA_TYPE.</summary>
    Unsupported,
}
