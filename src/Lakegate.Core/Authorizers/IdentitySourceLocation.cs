namespace Lakegate.Core.Authorizers;

/// <summary>Where one identity-source value is read from.</summary>
public enum IdentitySourceLocation
{
    Header,
    QueryString,
    StageVariable,
    Context,
}
