using System.Runtime.CompilerServices;

namespace Lakegate.Core.Vtl;

/// <summary>A compiled expression: a reference, a literal or an operator. Evaluation never mutates the tree.</summary>
internal abstract class VtlExpression(int offset)
{
    public int Offset { get; } = offset;

    public abstract object? Evaluate(VtlRenderState state);

    internal sealed class Literal(int offset, object? value) : VtlExpression(offset)
    {
        public object? Value { get; } = value;

        public override object? Evaluate(VtlRenderState state) => Value;
    }

    /// <summary>A double-quoted string holding <c>$</c> or <c>#</c>: rendered like a small template each time.</summary>
    internal sealed class InterpolatedString(int offset, VtlNode[] parts) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state) => state.Capture(parts, Offset);
    }

    internal sealed class ListLiteral(int offset, VtlExpression[] items) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var list = new VtlList(items.Length);
            foreach (var item in items)
            {
                list.Add(item.Evaluate(state));
            }

            return list;
        }
    }

    internal sealed class MapLiteral(int offset, (VtlExpression Key, VtlExpression Value)[] entries) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var map = new VtlMap(entries.Length);
            foreach (var (key, value) in entries)
            {
                map[state.ToText(key.Evaluate(state), key.Offset)] = value.Evaluate(state);
            }

            return map;
        }
    }

    /// <summary><c>[from..to]</c>, counting down when <c>from &gt; to</c>; iterated lazily by <c>#foreach</c>.</summary>
    internal sealed class Range(int offset, VtlExpression from, VtlExpression to) : VtlExpression(offset)
    {
        public bool TryBounds(VtlRenderState state, out long start, out long end)
        {
            var a = from.Evaluate(state);
            var b = to.Evaluate(state);
            start = end = 0;
            if (!TryInteger(a, out start) || !TryInteger(b, out end))
            {
                return false;
            }

            return true;
        }

        private static bool TryInteger(object? value, out long result)
        {
            result = 0;
            if (value is string s && long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out result))
            {
                return true;
            }

            if (!VtlValues.IsNumber(value))
            {
                return false;
            }

            result = VtlValues.ToLong(value!);
            return true;
        }

        public override object? Evaluate(VtlRenderState state)
        {
            if (!TryBounds(state, out var start, out var end))
            {
                return null;
            }

            var count = Math.Abs(end - start) + 1;
            if (count > state.Limits.MaxTotalIterations)
            {
                throw new VtlRenderException(Offset, $"range of {count} elements exceeds {state.Limits.MaxTotalIterations}");
            }

            state.Account(count, Offset);
            var list = new VtlList((int)count);
            var step = start <= end ? 1 : -1;
            for (var i = start; ; i += step)
            {
                list.Add(VtlValues.Narrow(i));
                if (i == end)
                {
                    break;
                }
            }

            return list;
        }
    }

    internal sealed class Not(int offset, VtlExpression operand) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return !VtlValues.IsTrue(operand.Evaluate(state));
        }
    }

    internal sealed class Negate(int offset, VtlExpression operand) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return VtlValues.Arithmetic('*', operand.Evaluate(state), -1, state.MaxDepth);
        }
    }

    internal sealed class Logical(int offset, bool isAnd, VtlExpression left, VtlExpression right) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state)
        {
            // Operator chains are long but shallow-parsed; their evaluation recurses, so guard the stack.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var l = VtlValues.IsTrue(left.Evaluate(state));
            if (isAnd ? !l : l)
            {
                return l;
            }

            return VtlValues.IsTrue(right.Evaluate(state));
        }
    }

    internal sealed class Binary(int offset, string op, VtlExpression left, VtlExpression right) : VtlExpression(offset)
    {
        public override object? Evaluate(VtlRenderState state)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var l = left.Evaluate(state);
            var r = right.Evaluate(state);
            switch (op)
            {
                case "==":
                    return VtlValues.AreEqual(l, r, state.MaxDepth);
                case "!=":
                    return !VtlValues.AreEqual(l, r, state.MaxDepth);
                case "<" or ">" or "<=" or ">=":
                    if (!VtlValues.IsNumber(l) || !VtlValues.IsNumber(r))
                    {
                        // Velocity 1.7 compares numbers only; anything else is an (logged) false.
                        return false;
                    }

                    var c = VtlValues.Compare(l!, r!);
                    return op switch
                    {
                        "<" => c < 0,
                        ">" => c > 0,
                        "<=" => c <= 0,
                        _ => c >= 0,
                    };
                default:
                    var result = VtlValues.Arithmetic(op[0], l, r, state.MaxDepth);
                    return result is string s ? state.CheckString(s, Offset) : result;
            }
        }
    }

    /// <summary><c>$a.b.c(x)[0]</c>: a root name and a chain of property, method and index steps.</summary>
    internal sealed class Reference(int offset, string name, int slot, VtlReferenceStep[] steps, bool quiet, string source) : VtlExpression(offset)
    {
        public string Name { get; } = name;

        /// <summary>Where the render keeps the variable <see cref="Name"/> (see <see cref="VtlRenderState.Lookup"/>).</summary>
        public int Slot { get; } = slot;

        public VtlReferenceStep[] Steps { get; } = steps;

        public bool Quiet { get; } = quiet;

        /// <summary>The reference as written; an unresolved reference renders as this.</summary>
        public string Source { get; } = source;

        public override object? Evaluate(VtlRenderState state) => EvaluatePrefix(state, Steps.Length);

        public object? EvaluatePrefix(VtlRenderState state, int stepCount)
        {
            var value = state.Lookup(Slot);
            for (var i = 0; i < stepCount && value is not null; i++)
            {
                value = Steps[i].Apply(value, state);
            }

            return value;
        }
    }
}
