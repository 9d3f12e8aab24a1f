namespace Lakegate.Core.Definitions;

/// <summary>The type a <c>sql</c> parameter's text must parse as; it is bound as that type.</summary>
public enum SqlParameterType
{
    String,
    Integer,
    Number,
    Boolean,
    Date,
    Timestamp,
}
