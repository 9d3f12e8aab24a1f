using System.Text;

namespace Lakegate.Core.Datasets;

/// <summary>
/// Turns a parsed request into parameterized DuckDB SQL. The only text it writes is fixed SQL,
/// identifiers taken from the dataset's schema (quoted), the server-chosen relation and
/// <c>$n</c> placeholders: caller text never reaches the SQL. Values are bound as
/// <c>CAST($n AS column type)</c> so NULLs and loosely typed parameters still bind with the column's type.
/// </summary>
public static class DatasetQueryCompiler
{
    /// <summary>The requested order plus the unique key's columns not already in it, so the order is total.</summary>
    public static IReadOnlyList<OrderTerm> EffectiveOrder(DatasetQuery query, DatasetSchema schema)
    {
        var order = new List<OrderTerm>(query.Order);
        foreach (var key in schema.Key)
        {
            if (!order.Exists(t => t.Column.Name == key.Name))
            {
                order.Add(new OrderTerm(key, Descending: false, NullsFirst: false));
            }
        }

        return order;
    }

    /// <param name="relation">A server-defined relation name (a view over the dataset's files).</param>
    /// <param name="after">Typed sort-key values of the last row of the previous page (from a verified cursor), or null.</param>
    public static CompiledQuery Compile(DatasetQuery query, DatasetSchema schema, string relation, IReadOnlyList<object?>? after = null)
    {
        var order = EffectiveOrder(query, schema);
        var select = query.Select.Count > 0 ? query.Select : [.. schema.Columns.Select(c => new SelectItem(c, c.Name, null, c.Type))];

        var parameters = new List<object?>();
        var where = new StringBuilder();
        foreach (var filter in query.Filters)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ");
            AppendFilter(where, filter, parameters);
        }

        var countSql = "SELECT count(*) FROM " + relation + where;
        var countParameters = parameters.ToArray();

        if (after is not null)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ");
            AppendAfter(where, order, after, parameters);
        }

        var orderBy = new StringBuilder(" ORDER BY ");
        for (var i = 0; i < order.Count; i++)
        {
            var term = order[i];
            orderBy.Append(i == 0 ? string.Empty : ", ").Append(Quote(term.Column.Name))
                .Append(term.Descending ? " DESC" : " ASC")
                .Append(term.NullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }

        var outputs = new StringBuilder();
        for (var i = 0; i < select.Count; i++)
        {
            var item = select[i];
            outputs.Append(i == 0 ? string.Empty : ", ");
            // Output names are positional: aliases are caller text and stay out of the SQL.
            if (item.CastSql is null)
            {
                outputs.Append(Quote(item.Column.Name));
            }
            else
            {
                outputs.Append("CAST(").Append(Quote(item.Column.Name)).Append(" AS ").Append(item.CastSql).Append(')');
            }

            outputs.Append(" AS \"c").Append(i).Append('"');
        }

        var keys = new StringBuilder();
        for (var i = 0; i < order.Count; i++)
        {
            keys.Append(i == 0 ? string.Empty : ", ").Append(Quote(order[i].Column.Name)).Append(" AS \"k").Append(i).Append('"');
        }

        var limitIndex = parameters.Count + 1;
        var paging = $" LIMIT ${limitIndex} OFFSET ${limitIndex + 1}";
        var body = " FROM " + relation + where + orderBy + paging;

        var fetch = new List<object?>(parameters) { (long)query.Limit + 1, (long)query.Offset };
        var exact = new List<object?>(parameters) { (long)query.Limit, (long)query.Offset };
        return new CompiledQuery
        {
            Sql = "SELECT " + outputs + ", " + keys + body,
            Parameters = fetch,
            ExactSql = "SELECT " + outputs + body,
            ExactParameters = exact,
            KeysSql = "SELECT " + keys + body,
            CountSql = countSql,
            CountParameters = countParameters,
            Columns = [.. select.Select(s => new OutputColumn(s.OutputName, s.Type))],
            Order = order,
            Limit = query.Limit,
            Offset = query.Offset,
        };
    }

    /// <summary>One row by its unique key: <c>SELECT ... WHERE key = $1 [AND ...] LIMIT 2</c> (two, to notice a key that is not unique).</summary>
    public static (string Sql, IReadOnlyList<OutputColumn> Columns) CompileItem(IReadOnlyList<SelectItem> select, DatasetSchema schema, string relation)
    {
        select = select.Count > 0 ? select : [.. schema.Columns.Select(c => new SelectItem(c, c.Name, null, c.Type))];
        var sql = new StringBuilder("SELECT ");
        for (var i = 0; i < select.Count; i++)
        {
            var item = select[i];
            sql.Append(i == 0 ? string.Empty : ", ");
            if (item.CastSql is null)
            {
                sql.Append(Quote(item.Column.Name));
            }
            else
            {
                sql.Append("CAST(").Append(Quote(item.Column.Name)).Append(" AS ").Append(item.CastSql).Append(')');
            }

            sql.Append(" AS \"c").Append(i).Append('"');
        }

        sql.Append(" FROM ").Append(relation).Append(" WHERE ");
        for (var i = 0; i < schema.Key.Count; i++)
        {
            var key = schema.Key[i];
            sql.Append(i == 0 ? string.Empty : " AND ").Append(Quote(key.Name)).Append(" = ").Append(Parameter(i + 1, key));
        }

        sql.Append(" LIMIT 2");
        return (sql.ToString(), [.. select.Select(s => new OutputColumn(s.OutputName, s.Type))]);
    }

    /// <summary>A schema identifier in double quotes, embedded quotes doubled.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Parameter(int index, DatasetColumn column) => $"CAST(${index} AS {column.SqlType})";

    private static string Bind(List<object?> parameters, object? value, DatasetColumn column)
    {
        parameters.Add(value);
        return Parameter(parameters.Count, column);
    }

    private static void AppendFilter(StringBuilder sql, FilterNode node, List<object?> parameters)
    {
        if (node.Negated)
        {
            sql.Append("NOT ");
        }

        sql.Append('(');
        switch (node)
        {
            case LogicFilter logic:
                for (var i = 0; i < logic.Children.Count; i++)
                {
                    if (i > 0)
                    {
                        sql.Append(logic.IsOr ? " OR " : " AND ");
                    }

                    AppendFilter(sql, logic.Children[i], parameters);
                }

                break;
            case ComparisonFilter comparison:
                AppendComparison(sql, comparison, parameters);
                break;
        }

        sql.Append(')');
    }

    private static void AppendComparison(StringBuilder sql, ComparisonFilter filter, List<object?> parameters)
    {
        var column = Quote(filter.Column.Name);
        switch (filter.Operator)
        {
            case FilterOperator.Is:
                sql.Append(column).Append(filter.Is switch
                {
                    IsValue.Null => " IS NULL",
                    IsValue.NotNull => " IS NOT NULL",
                    IsValue.True => " IS TRUE",
                    IsValue.False => " IS FALSE",
                    _ => " IS NULL",
                });
                return;
            case FilterOperator.In:
                if (filter.Values.Count == 0)
                {
                    sql.Append("FALSE");
                    return;
                }

                sql.Append(column).Append(" IN (");
                for (var i = 0; i < filter.Values.Count; i++)
                {
                    sql.Append(i == 0 ? string.Empty : ", ").Append(Bind(parameters, filter.Values[i], filter.Column));
                }

                sql.Append(')');
                return;
            case FilterOperator.Like or FilterOperator.Ilike:
                parameters.Add(filter.Values[0]);
                sql.Append(column).Append(filter.Operator == FilterOperator.Like ? " LIKE " : " ILIKE ").Append("CAST($").Append(parameters.Count).Append(" AS VARCHAR)");
                return;
            default:
                var op = filter.Operator switch
                {
                    FilterOperator.Eq => " = ",
                    FilterOperator.Neq => " <> ",
                    FilterOperator.Gt => " > ",
                    FilterOperator.Gte => " >= ",
                    FilterOperator.Lt => " < ",
                    FilterOperator.Lte => " <= ",
                    _ => " IS DISTINCT FROM ",
                };
                sql.Append(column).Append(op).Append(Bind(parameters, filter.Values[0], filter.Column));
                return;
        }
    }

    /// <summary>
    /// Rows strictly after the cursor's row in the effective order: for terms t1..tn and values v1..vn,
    /// OR over i of (t1..t(i-1) equal, NULL-safe) AND ti after vi. Whether vi is NULL is known here, so
    /// each branch is written for its own case (NULL placement included).
    /// </summary>
    private static void AppendAfter(StringBuilder sql, IReadOnlyList<OrderTerm> order, IReadOnlyList<object?> after, List<object?> parameters)
    {
        sql.Append('(');
        var first = true;
        for (var i = 0; i < order.Count; i++)
        {
            var strictly = After(order[i], after[i], parameters);
            if (strictly is null)
            {
                continue;
            }

            sql.Append(first ? string.Empty : " OR ").Append('(');
            first = false;
            for (var j = 0; j < i; j++)
            {
                var column = order[j].Column;
                if (after[j] is null)
                {
                    sql.Append(Quote(column.Name)).Append(" IS NULL AND ");
                }
                else
                {
                    sql.Append(Quote(column.Name)).Append(" = ").Append(Bind(parameters, after[j], column)).Append(" AND ");
                }
            }

            sql.Append(strictly).Append(')');
        }

        if (first)
        {
            sql.Append("FALSE");
        }

        sql.Append(')');
    }

    /// <summary>The condition "this term sorts strictly after v"; null when nothing can (v is NULL and NULLs come last).</summary>
    private static string? After(OrderTerm term, object? value, List<object?> parameters)
    {
        var column = Quote(term.Column.Name);
        if (value is null)
        {
            return term.NullsFirst ? column + " IS NOT NULL" : null;
        }

        var bound = Bind(parameters, value, term.Column);
        var comparison = column + (term.Descending ? " < " : " > ") + bound;
        return term.NullsFirst ? comparison : "(" + comparison + " OR " + column + " IS NULL)";
    }
}
