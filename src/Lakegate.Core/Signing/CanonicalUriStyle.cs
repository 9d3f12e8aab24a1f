namespace Lakegate.Core.Signing;

/// <summary>How the path becomes the canonical URI. Every service but S3 normalizes it and encodes the (already
/// encoded) path a second time; S3 signs the path as it is, encoded once.</summary>
public enum CanonicalUriStyle
{
    /// <summary>Remove <c>.</c>/<c>..</c> segments and empty segments, then URI-encode each segment of the wire path
    /// (so <c>%20</c> on the wire becomes <c>%2520</c>).</summary>
    Standard,

    /// <summary>S3: no normalization; each segment decoded and encoded once, <c>/</c> kept.</summary>
    S3,
}
