namespace Lakegate.Core.Datasets;

/// <summary>A node of a request's filter tree: a comparison or an <c>and</c>/<c>or</c> group, either possibly negated.</summary>
public abstract record FilterNode(bool Negated);

/// <summary><c>column.[not.]op.value</c>. Values are already parsed into the column's type (null only for <c>is</c>).</summary>
public sealed record ComparisonFilter(DatasetColumn Column, FilterOperator Operator, bool Negated, IReadOnlyList<object> Values, IsValue? Is = null)
    : FilterNode(Negated);

/// <summary><c>[not.]or=(...)</c> / <c>and(...)</c>.</summary>
public sealed record LogicFilter(bool IsOr, bool Negated, IReadOnlyList<FilterNode> Children) : FilterNode(Negated);
