namespace Lakegate.Core.Datasets;

/// <summary>One <c>order=</c> term. Null placement is always explicit (PostgreSQL's default: nulls last ascending, first descending).</summary>
public sealed record OrderTerm(DatasetColumn Column, bool Descending, bool NullsFirst);
