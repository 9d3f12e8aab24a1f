namespace Lakegate.Core.Datasets;

/// <summary>The right-hand side of <c>is.</c>: <c>null</c>, <c>not_null</c>, <c>true</c>, <c>false</c>, <c>unknown</c>.</summary>
public enum IsValue
{
    Null,
    NotNull,
    True,
    False,
    Unknown,
}
