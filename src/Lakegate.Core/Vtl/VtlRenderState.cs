using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// Everything one render mutates: output, <c>#set</c> variables, counters and the deadline. The
/// template itself stays immutable, so renders may run concurrently.
/// </summary>
internal sealed class VtlRenderState
{
    private readonly VtlScope _scope;
    private readonly Dictionary<string, object?> _locals = new(StringComparer.Ordinal);
    private readonly long _deadline;
    private readonly CancellationToken _cancellationToken;
    private int _totalIterations;
    private int _depth;
    private int _checks;
    private long _charsBuilt;

    public VtlRenderState(VtlTemplate template, VtlScope scope, VtlLimits limits, CancellationToken cancellationToken)
    {
        Template = template;
        _scope = scope;
        Limits = limits;
        _cancellationToken = cancellationToken;
        var seconds = limits.MaxDuration.TotalSeconds;
        var now = Stopwatch.GetTimestamp();
        _deadline = seconds <= 0 ? long.MinValue
            : seconds * Stopwatch.Frequency >= long.MaxValue - now ? long.MaxValue
            : now + (long)(seconds * Stopwatch.Frequency);
        Output = RentRoot();
    }

    /// <summary>
    /// One root buffer per thread, reused across renders: most of a render's allocations were the
    /// output buffer growing chunk by chunk. Buffers that grew large are dropped, not kept.
    /// </summary>
    [ThreadStatic]
    private static StringBuilder? _cachedRoot;

    private const int CachedRootMaxChars = 64 * 1024;

    private static StringBuilder RentRoot()
    {
        var cached = _cachedRoot;
        if (cached is null)
        {
            return new StringBuilder(4096);
        }

        _cachedRoot = null;
        cached.Clear();
        return cached;
    }

    /// <summary>Returns the root buffer for the next render on this thread (call once its text has been taken).</summary>
    public static void ReturnRoot(StringBuilder root)
    {
        if (root.Capacity <= CachedRootMaxChars)
        {
            _cachedRoot = root;
        }
    }

    public VtlTemplate Template { get; }

    public VtlLimits Limits { get; }

    /// <summary>Where text goes now: the render output, or a buffer while a string literal or a #define block is evaluated.</summary>
    public StringBuilder Output { get; set; }

    public int MaxDepth => Limits.MaxDepth;

    public object? Lookup(string name) =>
        _locals.TryGetValue(name, out var value) ? value : _scope.TryGet(name, out value) ? value : null;

    public bool TryGetLocal(string name, out object? value) => _locals.TryGetValue(name, out value);

    public void SetLocal(string name, object? value) => _locals[name] = value;

    public void RemoveLocal(string name) => _locals.Remove(name);

    /// <summary>
    /// Time budget and cancellation, checked at every directive, method call and loop iteration.
    /// The clock is read at every 8th check: the work between two reads is a few bounded steps.
    /// </summary>
    public void CheckTime(int offset)
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            throw new VtlRenderException(offset, "render cancelled");
        }

        if ((++_checks & 7) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new VtlRenderException(offset, $"render exceeded {Limits.MaxDuration.TotalMilliseconds:0} ms");
        }
    }

    public TimeSpan Remaining
    {
        get
        {
            // Regex timeouts must be positive and below ~24 days.
            if (_deadline == long.MaxValue)
            {
                return TimeSpan.FromMinutes(10);
            }

            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);
            return left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : left > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : left;
        }
    }

    public void CountIteration(int offset, int iterationOfThisLoop)
    {
        if (iterationOfThisLoop > Limits.MaxLoopIterations)
        {
            throw new VtlRenderException(offset, $"#foreach exceeded {Limits.MaxLoopIterations} iterations");
        }

        if (++_totalIterations > Limits.MaxTotalIterations)
        {
            throw new VtlRenderException(offset, $"loops exceeded {Limits.MaxTotalIterations} iterations in total");
        }

        CheckTime(offset);
    }

    public void Enter(int offset)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++_depth > Limits.MaxDepth)
        {
            throw new VtlRenderException(offset, $"nesting exceeded depth {Limits.MaxDepth}");
        }
    }

    public void Exit() => _depth--;

    public void Write(string text, int offset)
    {
        if (Output.Length + text.Length > Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"output exceeded {Limits.MaxOutputChars} characters");
        }

        Output.Append(text);
    }

    /// <summary>
    /// Strings a template builds are bounded like the output, one by one (doubling a string cannot
    /// exhaust memory) and together: all the text built in one render may be at most 16 times
    /// <see cref="VtlLimits.MaxOutputChars"/> (a loop storing distinct large strings cannot either).
    /// </summary>
    public string CheckString(string text, int offset)
    {
        if (text.Length > Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"string exceeded {Limits.MaxOutputChars} characters");
        }

        Account(text.Length, offset);
        return text;
    }

    /// <summary>Counts characters or collection elements a render creates against its build budget.</summary>
    public void Account(long units, int offset)
    {
        _charsBuilt += units;
        if (_charsBuilt > 16L * Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"render built more than {16L * Limits.MaxOutputChars} characters and elements");
        }
    }

    public void CheckSize(int count, int offset)
    {
        if (count > Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"collection exceeded {Limits.MaxOutputChars} elements");
        }
    }

    /// <summary>The text of a value; a <c>#define</c> block renders its body now.</summary>
    public string ToText(object? value, int offset)
    {
        if (value is VtlDefinedBlock block)
        {
            return block.RenderToString(this, offset);
        }

        return value is string s ? s : CheckString(VtlValues.ToText(value, Limits.MaxDepth), offset);
    }

    /// <summary>Renders <paramref name="nodes"/> into a fresh buffer and returns the text.</summary>
    public string Capture(VtlNode[] nodes, int offset)
    {
        var saved = Output;
        Output = new StringBuilder();
        try
        {
            Enter(offset);
            VtlNode.RenderAll(nodes, this);
            Exit();
            return CheckString(Output.ToString(), offset);
        }
        finally
        {
            Output = saved;
        }
    }
}
