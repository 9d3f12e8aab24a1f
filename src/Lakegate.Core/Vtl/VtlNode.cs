namespace Lakegate.Core.Vtl;

/// <summary>A compiled template statement: text, a reference to render, or a directive.</summary>
internal abstract class VtlNode(int offset)
{
    public int Offset { get; } = offset;

    public abstract VtlFlow Render(VtlRenderState state);

    public static VtlFlow RenderAll(VtlNode[] nodes, VtlRenderState state)
    {
        foreach (var node in nodes)
        {
            var flow = node.Render(state);
            if (flow != VtlFlow.Normal)
            {
                return flow;
            }
        }

        return VtlFlow.Normal;
    }

    private static VtlFlow RenderBody(VtlNode[] body, VtlRenderState state, int offset)
    {
        state.Enter(offset);
        var flow = RenderAll(body, state);
        state.Exit();
        return flow;
    }

    internal sealed class Text(int offset, string text) : VtlNode(offset)
    {
        public string Value { get; } = text;

        public override VtlFlow Render(VtlRenderState state)
        {
            state.Write(Value, Offset);
            return VtlFlow.Normal;
        }
    }

    internal sealed class Reference(VtlExpression.Reference reference) : VtlNode(reference.Offset)
    {
        private readonly VtlReferenceStep.Method? _lastMethod = reference.Steps.Length > 0 ? reference.Steps[^1] as VtlReferenceStep.Method : null;

        public override VtlFlow Render(VtlRenderState state)
        {
            object? value;
            if (_lastMethod is null)
            {
                value = reference.Evaluate(state);
            }
            else
            {
                // A call rendered as text: a host may write it straight into the output (no string built).
                var owner = reference.EvaluatePrefix(state, reference.Steps.Length - 1);
                if (owner is IVtlTextMethods host)
                {
                    if (_lastMethod.TryRenderInto(host, state, Offset, out value))
                    {
                        return VtlFlow.Normal;
                    }
                }
                else
                {
                    value = owner is null ? null : _lastMethod.Apply(owner, state);
                }
            }

            if (value is null)
            {
                if (!reference.Quiet)
                {
                    state.Write(reference.Source, Offset);
                }
            }
            else
            {
                state.Write(state.ToText(value, Offset), Offset);
            }

            return VtlFlow.Normal;
        }
    }

    /// <summary>
    /// Backslashes before a reference, as Velocity 1.7 treats them: when the reference is defined,
    /// each pair renders one backslash and an odd one out escapes the reference (<c>\$x</c> renders
    /// <c>$x</c>, <c>\\$x</c> a backslash and the value); when it is not defined, everything renders
    /// as written.
    /// </summary>
    internal sealed class EscapedReference(VtlExpression.Reference reference, int backslashes) : VtlNode(reference.Offset)
    {
        public override VtlFlow Render(VtlRenderState state)
        {
            var value = reference.Evaluate(state);
            if (value is null)
            {
                state.Write(new string('\\', backslashes) + (reference.Quiet && backslashes % 2 == 0 ? string.Empty : reference.Source), Offset);
            }
            else if (backslashes % 2 == 1)
            {
                state.Write(new string('\\', backslashes / 2) + reference.Source, Offset);
            }
            else
            {
                state.Write(new string('\\', backslashes / 2) + state.ToText(value, Offset), Offset);
            }

            return VtlFlow.Normal;
        }
    }

    internal sealed class Set(int offset, VtlExpression.Reference target, VtlExpression value) : VtlNode(offset)
    {
        public override VtlFlow Render(VtlRenderState state)
        {
            state.CheckTime(Offset);
            var result = value.Evaluate(state);
            if (result is null)
            {
                // Velocity 1.7 (directive.set.null.allowed = false): a null right-hand side leaves the target unchanged.
                return VtlFlow.Normal;
            }

            if (target.Steps.Length == 0)
            {
                state.SetLocal(target.Slot, result);
                return VtlFlow.Normal;
            }

            var owner = target.EvaluatePrefix(state, target.Steps.Length - 1);
            if (owner is null)
            {
                return VtlFlow.Normal;
            }

            // A refused assignment (read-only host property) is ignored, as Velocity logs and goes on.
            _ = target.Steps[^1] switch
            {
                VtlReferenceStep.Property property => property.Assign(owner, result),
                VtlReferenceStep.Index index => index.Assign(owner, result, state),
                _ => false,
            };
            return VtlFlow.Normal;
        }
    }

    internal sealed class If(int offset, VtlExpression[] conditions, VtlNode[][] bodies, VtlNode[]? elseBody) : VtlNode(offset)
    {
        public override VtlFlow Render(VtlRenderState state)
        {
            state.CheckTime(Offset);
            for (var i = 0; i < conditions.Length; i++)
            {
                if (VtlValues.IsTrue(conditions[i].Evaluate(state)))
                {
                    return RenderBody(bodies[i], state, Offset);
                }
            }

            return elseBody is null ? VtlFlow.Normal : RenderBody(elseBody, state, Offset);
        }
    }

    internal sealed class Foreach(int offset, int slot, VtlExpression iterable, VtlNode[] body) : VtlNode(offset)
    {
        public override VtlFlow Render(VtlRenderState state)
        {
            state.CheckTime(Offset);
            var hadVariable = state.TryGetLocal(slot, out var savedVariable);
            var hadForeach = state.TryGetLocal(VtlRenderState.ForeachSlot, out var savedForeach);
            var count = state.Template.UsesVelocityCount;
            var hasNext = state.Template.UsesVelocityHasNext;
            object? savedCount = null;
            object? savedHasNext = null;
            var hadCount = count && state.TryGetLocal(VtlRenderState.VelocityCountSlot, out savedCount);
            var hadHasNext = hasNext && state.TryGetLocal(VtlRenderState.VelocityHasNextSlot, out savedHasNext);
            var loop = new VtlForeachState(state.Lookup(VtlRenderState.ForeachSlot));
            state.SetLocal(VtlRenderState.ForeachSlot, loop);
            state.Enter(Offset);
            var flow = Iterate(state, loop);
            state.Exit();
            Restore(state, slot, hadVariable, savedVariable);
            Restore(state, VtlRenderState.ForeachSlot, hadForeach, savedForeach);
            if (count)
            {
                Restore(state, VtlRenderState.VelocityCountSlot, hadCount, savedCount);
            }

            if (hasNext)
            {
                Restore(state, VtlRenderState.VelocityHasNextSlot, hadHasNext, savedHasNext);
            }

            return flow == VtlFlow.Stop ? VtlFlow.Stop : VtlFlow.Normal;
        }

        private VtlFlow Iterate(VtlRenderState state, VtlForeachState loop)
        {
            if (iterable is VtlExpression.Range range)
            {
                if (!range.TryBounds(state, out var start, out var end))
                {
                    return VtlFlow.Normal;
                }

                var step = start <= end ? 1 : -1;
                var index = 0;
                for (var i = start; ; i += step)
                {
                    var flow = Step(state, loop, index++, VtlValues.Narrow(i), i != end);
                    if (flow != VtlFlow.Normal || i == end)
                    {
                        return flow;
                    }
                }
            }

            switch (iterable.Evaluate(state))
            {
                case IList<object?> list:
                    // Indexed over the live list: a body that adds to it runs into the iteration limits.
                    for (var i = 0; i < list.Count; i++)
                    {
                        var flow = Step(state, loop, i, list[i], i + 1 < list.Count);
                        if (flow != VtlFlow.Normal)
                        {
                            return flow;
                        }
                    }

                    return VtlFlow.Normal;
                case IDictionary<string, object?> map:
                    var values = map.Values.ToArray();
                    for (var i = 0; i < values.Length; i++)
                    {
                        var flow = Step(state, loop, i, values[i], i + 1 < values.Length);
                        if (flow != VtlFlow.Normal)
                        {
                            return flow;
                        }
                    }

                    return VtlFlow.Normal;
                default:
                    // Velocity iterates nothing for null and non-collections.
                    return VtlFlow.Normal;
            }
        }

        private VtlFlow Step(VtlRenderState state, VtlForeachState loop, int index, object? item, bool hasNext)
        {
            state.CountIteration(Offset, index + 1);
            loop.Index = index;
            loop.HasNext = hasNext;
            state.SetLocal(slot, item);
            if (state.Template.UsesVelocityCount)
            {
                state.SetLocal(VtlRenderState.VelocityCountSlot, VtlValues.Box(index + 1));
            }

            if (state.Template.UsesVelocityHasNext)
            {
                state.SetLocal(VtlRenderState.VelocityHasNextSlot, VtlValues.Box(hasNext));
            }

            return RenderAll(body, state);
        }

        private static void Restore(VtlRenderState state, int slot, bool had, object? saved)
        {
            if (had)
            {
                state.SetLocal(slot, saved);
            }
            else
            {
                state.RemoveLocal(slot);
            }
        }
    }

    internal sealed class Define(int offset, int slot, VtlNode[] body) : VtlNode(offset)
    {
        private readonly VtlDefinedBlock _block = new(body);

        public override VtlFlow Render(VtlRenderState state)
        {
            state.SetLocal(slot, _block);
            return VtlFlow.Normal;
        }
    }

    internal sealed class Break(int offset) : VtlNode(offset)
    {
        public override VtlFlow Render(VtlRenderState state) => VtlFlow.Break;
    }

    internal sealed class Stop(int offset) : VtlNode(offset)
    {
        public override VtlFlow Render(VtlRenderState state) => VtlFlow.Stop;
    }

    /// <summary>
    /// <c>#name(args)</c>. Arguments are evaluated once, before the call (Velocity passes them by
    /// name and re-evaluates them at each use; this differs only for arguments with side effects).
    /// </summary>
    internal sealed class MacroCall(int offset, string name, VtlExpression[] arguments, string source) : VtlNode(offset)
    {
        public override VtlFlow Render(VtlRenderState state)
        {
            state.CheckTime(Offset);
            if (!state.Template.Macros.TryGetValue(name, out var macro))
            {
                state.Write(source, Offset);
                return VtlFlow.Normal;
            }

            var values = new object?[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                values[i] = arguments[i].Evaluate(state);
            }

            var saved = new (bool Had, object? Value)[macro.Parameters.Length];
            for (var i = 0; i < macro.Parameters.Length; i++)
            {
                saved[i].Had = state.TryGetLocal(macro.ParameterSlots[i], out saved[i].Value);
                if (i < values.Length)
                {
                    state.SetLocal(macro.ParameterSlots[i], values[i]);
                }
                else
                {
                    state.RemoveLocal(macro.ParameterSlots[i]);
                }
            }

            var flow = RenderBody(macro.Body, state, Offset);
            for (var i = 0; i < macro.Parameters.Length; i++)
            {
                if (saved[i].Had)
                {
                    state.SetLocal(macro.ParameterSlots[i], saved[i].Value);
                }
                else
                {
                    state.RemoveLocal(macro.ParameterSlots[i]);
                }
            }

            return flow == VtlFlow.Stop ? VtlFlow.Stop : VtlFlow.Normal;
        }
    }
}
