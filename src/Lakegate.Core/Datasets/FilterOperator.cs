namespace Lakegate.Core.Datasets;

/// <summary>The comparison operators of the grammar (PostgREST's names).</summary>
public enum FilterOperator
{
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    Like,
    Ilike,
    In,
    Is,
    IsDistinct,
}
