namespace Lakegate.Core.Definitions;

/// <summary>Where a <c>sql</c> query parameter is read from.</summary>
public enum SqlParameterSource
{
    Path,
    Query,
    Body,
    Header,
}
