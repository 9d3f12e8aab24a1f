using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// Recursive-descent parser for Velocity 1.7 templates, run once at deploy time. Nesting is
/// bounded (<see cref="MaxNesting"/>), so hostile input such as 100,000 <c>(</c> or <c>#if</c>
/// ends in a parse error rather than a stack overflow.
/// </summary>
internal sealed class VtlParser
{
    /// <summary>Blocks, parentheses, literals and references nested inside each other.</summary>
    public const int MaxNesting = 100;

    /// <summary>Binary operators in one expression: a chain evaluates recursively, so it is bounded too.</summary>
    public const int MaxOperators = 1000;

    private static readonly SearchValues<char> Special = SearchValues.Create("$#\\\"");

    private readonly string _src;
    private readonly Dictionary<string, VtlMacro> _macros = new(StringComparer.Ordinal);
    private readonly HashSet<string> _macroNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _slotNames = [];
    private int _pos;
    private int _end;
    private int _depth;
    private int _operators;
    private bool _inString;

    public VtlParser(string source)
    {
        _src = source;
        _end = source.Length;
        foreach (var name in VtlRenderState.ReservedSlotNames)
        {
            Slot(name);
        }
    }

    public IReadOnlyDictionary<string, VtlMacro> Macros => _macros;

    /// <summary>Every variable name the template spells, by slot (see <see cref="Slot"/>).</summary>
    public string[] SlotNames => [.. _slotNames];

    /// <summary>
    /// The slot of a variable name: each distinct name the template spells gets one, so a render
    /// keeps its variables in an array instead of hashing names (there is no eval, so no name a
    /// render reads can be missing from the table).
    /// </summary>
    private int Slot(string name)
    {
        if (!_slots.TryGetValue(name, out var slot))
        {
            slot = _slotNames.Count;
            _slots.Add(name, slot);
            _slotNames.Add(name);
        }

        return slot;
    }

    private enum Terminator
    {
        None,
        End,
        Else,
        ElseIf,
    }

    public VtlNode[] ParseTemplate()
    {
        var nodes = ParseBlock(out var terminator, out var at);
        if (terminator != Terminator.None)
        {
            throw new VtlParseException(at, $"#{Describe(terminator)} without a matching #if, #foreach, #define or #macro");
        }

        return nodes;
    }

    private static string Describe(Terminator terminator) => terminator switch
    {
        Terminator.End => "end",
        Terminator.Else => "else",
        _ => "elseif",
    };

    private char Peek(int ahead = 0) => _pos + ahead < _end ? _src[_pos + ahead] : '\0';

    private void Enter()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++_depth > MaxNesting)
        {
            throw new VtlParseException(_pos, $"template nests deeper than {MaxNesting} levels");
        }
    }

    private void Exit() => _depth--;

    private VtlNode[] ParseBlock(out Terminator terminator, out int terminatorAt)
    {
        Enter();
        var nodes = new List<VtlNode>();
        var text = new StringBuilder();
        var textStart = _pos;
        terminator = Terminator.None;
        terminatorAt = _pos;

        void Flush()
        {
            if (text.Length > 0)
            {
                nodes.Add(new VtlNode.Text(textStart, text.ToString()));
                text.Clear();
            }

            textStart = _pos;
        }

        while (_pos < _end)
        {
            var c = _src[_pos];
            if (c is not ('$' or '#' or '\\' or '"'))
            {
                var run = _src.AsSpan(_pos, _end - _pos).IndexOfAny(Special);
                var length = run < 0 ? _end - _pos : run;
                text.Append(_src, _pos, length);
                _pos += length;
                continue;
            }

            if (_inString && c == '"' && Peek(1) == '"')
            {
                text.Append('"');
                _pos += 2;
                continue;
            }

            if (c == '\\')
            {
                var runStart = _pos;
                var p = _pos;
                while (p < _end && _src[p] == '\\')
                {
                    p++;
                }

                var count = p - runStart;
                if (p < _end && _src[p] == '$' && IsReferenceStart(p))
                {
                    Flush();
                    _pos = p;
                    var reference = ParseReference(required: false);
                    if (reference is not null)
                    {
                        nodes.Add(new VtlNode.EscapedReference(reference, count));
                        textStart = _pos;
                        continue;
                    }

                    _pos = p;
                }

                if (p < _end && _src[p] == '#' && p + 1 < _end && (char.IsAsciiLetter(_src[p + 1]) || _src[p + 1] == '{'))
                {
                    text.Append('\\', count / 2);
                    _pos = p;
                    if (count % 2 == 1)
                    {
                        text.Append('#');
                        _pos++;
                    }

                    continue;
                }

                text.Append(_src, runStart, count);
                _pos = p;
                continue;
            }

            if (c == '$')
            {
                if (IsReferenceStart(_pos))
                {
                    var save = _pos;
                    Flush();
                    textStart = save;
                    var reference = ParseReference(required: false);
                    if (reference is not null)
                    {
                        nodes.Add(new VtlNode.Reference(reference));
                        textStart = _pos;
                        continue;
                    }

                    _pos = save;
                }

                text.Append('$');
                _pos++;
                continue;
            }

            if (c != '#')
            {
                text.Append(c);
                _pos++;
                continue;
            }

            var next = Peek(1);
            if (next == '#')
            {
                var newline = _src.IndexOf('\n', _pos);
                _pos = newline < 0 || newline >= _end ? _end : newline + 1;
                continue;
            }

            if (next == '*')
            {
                var close = _src.IndexOf("*#", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new VtlParseException(_pos, "unterminated comment '#*'");
                }

                _pos = close + 2;
                continue;
            }

            if (next == '[' && Peek(2) == '[')
            {
                var close = _src.IndexOf("]]#", _pos + 3, _end - _pos - 3, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new VtlParseException(_pos, "unterminated unparsed block '#[['");
                }

                text.Append(_src, _pos + 3, close - _pos - 3);
                _pos = close + 3;
                continue;
            }

            var directiveAt = _pos;
            if (!TryReadDirectiveName(out var name, out var afterName))
            {
                text.Append('#');
                _pos++;
                continue;
            }

            switch (name)
            {
                case "end":
                case "else":
                case "elseif":
                    Flush();
                    _pos = afterName;
                    terminator = name == "end" ? Terminator.End : name == "else" ? Terminator.Else : Terminator.ElseIf;
                    terminatorAt = directiveAt;
                    if (terminator != Terminator.ElseIf)
                    {
                        GobbleNewline();
                    }

                    Exit();
                    return [.. nodes];
                case "set":
                    Flush();
                    _pos = afterName;
                    nodes.Add(ParseSet(directiveAt));
                    break;
                case "if":
                    Flush();
                    _pos = afterName;
                    nodes.Add(ParseIf(directiveAt));
                    break;
                case "foreach":
                    Flush();
                    _pos = afterName;
                    nodes.Add(ParseForeach(directiveAt));
                    break;
                case "define":
                    Flush();
                    _pos = afterName;
                    nodes.Add(ParseDefine(directiveAt));
                    break;
                case "macro":
                    Flush();
                    _pos = afterName;
                    ParseMacro(directiveAt);
                    break;
                case "break":
                    Flush();
                    _pos = afterName;
                    SkipOptionalEmptyParens();
                    GobbleNewline();
                    nodes.Add(new VtlNode.Break(directiveAt));
                    break;
                case "stop":
                    Flush();
                    _pos = afterName;
                    SkipOptionalEmptyParens();
                    GobbleNewline();
                    nodes.Add(new VtlNode.Stop(directiveAt));
                    break;
                case "include" or "parse" or "evaluate":
                    throw new VtlParseException(directiveAt, $"#{name} is not supported in mapping templates");
                default:
                    var call = TryParseMacroCall(directiveAt, name, afterName);
                    if (call is null)
                    {
                        text.Append(_src, directiveAt, afterName - directiveAt);
                        _pos = afterName;
                    }
                    else
                    {
                        Flush();
                        nodes.Add(call);
                    }

                    break;
            }

            textStart = _pos;
        }

        Flush();
        Exit();
        return [.. nodes];
    }

    /// <summary>Reads <c>#name</c> or <c>#{name}</c> at the current position.</summary>
    private bool TryReadDirectiveName(out string name, out int after)
    {
        name = string.Empty;
        after = _pos;
        var p = _pos + 1;
        var braced = p < _end && _src[p] == '{';
        if (braced)
        {
            p++;
        }

        if (p >= _end || !char.IsAsciiLetter(_src[p]))
        {
            return false;
        }

        var start = p;
        while (p < _end && (char.IsAsciiLetterOrDigit(_src[p]) || _src[p] == '_'))
        {
            p++;
        }

        name = _src[start..p];
        if (braced)
        {
            if (p >= _end || _src[p] != '}')
            {
                return false;
            }

            p++;
        }
        else if (name is "else" or "end" && p < _end && (char.IsAsciiLetterOrDigit(_src[p]) || _src[p] == '_'))
        {
            return false;
        }

        after = p;
        return true;
    }

    /// <summary>A directive followed by blanks and a newline swallows them (Velocity 1.7 and velocityjs).</summary>
    private void GobbleNewline()
    {
        var p = _pos;
        while (p < _end && _src[p] is ' ' or '\t')
        {
            p++;
        }

        if (p < _end && _src[p] == '\n')
        {
            _pos = p + 1;
        }
        else if (p + 1 < _end && _src[p] == '\r' && _src[p + 1] == '\n')
        {
            _pos = p + 2;
        }
    }

    private void SkipOptionalEmptyParens()
    {
        var p = _pos;
        while (p < _end && _src[p] is ' ' or '\t')
        {
            p++;
        }

        if (p + 1 < _end && _src[p] == '(' && _src[p + 1] == ')')
        {
            _pos = p + 2;
        }
    }

    private void ExpectOpenParen(string directive)
    {
        SkipBlanks();
        if (Peek() != '(')
        {
            throw new VtlParseException(_pos, $"expected '(' after #{directive}");
        }

        _pos++;
    }

    private void ExpectCloseParen(string directive)
    {
        SkipWhitespace();
        if (Peek() != ')')
        {
            throw new VtlParseException(_pos, _pos >= _end ? $"unclosed #{directive}(" : $"expected ')' to close #{directive}(");
        }

        _pos++;
    }

    private VtlNode ParseSet(int at)
    {
        ExpectOpenParen("set");
        SkipWhitespace();
        if (Peek() != '$')
        {
            throw new VtlParseException(_pos, "#set must assign to a reference such as $name");
        }

        var target = ParseReference(required: true)!;
        if (target.Steps.Length > 0 && target.Steps[^1] is VtlReferenceStep.Method)
        {
            throw new VtlParseException(target.Offset, "cannot assign to a method call");
        }

        SkipWhitespace();
        if (Peek() != '=')
        {
            throw new VtlParseException(_pos, "expected '=' in #set");
        }

        _pos++;
        var value = ParseExpression();
        ExpectCloseParen("set");
        GobbleNewline();
        return new VtlNode.Set(at, target, value);
    }

    private VtlNode ParseIf(int at)
    {
        var conditions = new List<VtlExpression>();
        var bodies = new List<VtlNode[]>();
        VtlNode[]? elseBody = null;
        var directive = "if";
        while (true)
        {
            ExpectOpenParen(directive);
            conditions.Add(ParseExpression());
            ExpectCloseParen(directive);
            GobbleNewline();
            var body = ParseBlock(out var terminator, out var terminatorAt);
            bodies.Add(body);
            if (terminator == Terminator.ElseIf)
            {
                directive = "elseif";
                continue;
            }

            if (terminator == Terminator.Else)
            {
                elseBody = ParseBlock(out terminator, out terminatorAt);
                if (terminator != Terminator.End)
                {
                    throw new VtlParseException(terminator == Terminator.None ? at : terminatorAt, terminator == Terminator.None ? "#if without #end" : $"#{Describe(terminator)} after #else");
                }
            }
            else if (terminator != Terminator.End)
            {
                throw new VtlParseException(at, "#if without #end");
            }

            return new VtlNode.If(at, [.. conditions], [.. bodies], elseBody);
        }
    }

    private VtlNode[] ParseBodyToEnd(int at, string directive)
    {
        var body = ParseBlock(out var terminator, out var terminatorAt);
        if (terminator == Terminator.None)
        {
            throw new VtlParseException(at, $"#{directive} without #end");
        }

        if (terminator != Terminator.End)
        {
            throw new VtlParseException(terminatorAt, $"#{Describe(terminator)} inside #{directive} without #if");
        }

        return body;
    }

    private VtlNode ParseForeach(int at)
    {
        ExpectOpenParen("foreach");
        SkipWhitespace();
        var variable = ParseSimpleReferenceName("foreach");
        SkipWhitespace();
        if (!(Peek() == 'i' && Peek(1) == 'n' && !IsIdentifierPart(Peek(2))))
        {
            throw new VtlParseException(_pos, "expected 'in' in #foreach");
        }

        _pos += 2;
        var iterable = ParseExpression();
        ExpectCloseParen("foreach");
        GobbleNewline();
        var body = ParseBodyToEnd(at, "foreach");
        return new VtlNode.Foreach(at, Slot(variable), iterable, body);
    }

    private VtlNode ParseDefine(int at)
    {
        ExpectOpenParen("define");
        SkipWhitespace();
        var name = ParseSimpleReferenceName("define");
        ExpectCloseParen("define");
        GobbleNewline();
        var body = ParseBodyToEnd(at, "define");
        return new VtlNode.Define(at, Slot(name), body);
    }

    private void ParseMacro(int at)
    {
        ExpectOpenParen("macro");
        SkipWhitespace();
        var start = _pos;
        while (IsIdentifierPart(Peek()))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw new VtlParseException(_pos, "expected a macro name");
        }

        var name = _src[start.._pos];
        var parameters = new List<string>();
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            if (Peek() == ')')
            {
                _pos++;
                break;
            }

            if (Peek() != '$')
            {
                throw new VtlParseException(_pos, _pos >= _end ? "unclosed #macro(" : "expected a $parameter in #macro");
            }

            parameters.Add(ParseSimpleReferenceName("macro"));
        }

        GobbleNewline();
        _macroNames.Add(name); // a macro may call itself; render depth bounds the recursion
        var body = ParseBodyToEnd(at, "macro");
        _macros[name] = new VtlMacro(name, [.. parameters], [.. parameters.Select(Slot)], body);
    }

    /// <summary>
    /// <c>#name(args)</c> for a macro defined earlier in the template (Velocity 1.7 needs macros
    /// defined before use); any other <c>#name</c> is text, with no backtracking.
    /// </summary>
    private VtlNode? TryParseMacroCall(int at, string name, int afterName)
    {
        if (!_macroNames.Contains(name))
        {
            return null;
        }

        var p = afterName;
        while (p < _end && _src[p] is ' ' or '\t')
        {
            p++;
        }

        if (p >= _end || _src[p] != '(')
        {
            return null;
        }

        _pos = p + 1;
        var arguments = new List<VtlExpression>();
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            if (Peek() == ')')
            {
                _pos++;
                break;
            }

            if (_pos >= _end)
            {
                throw new VtlParseException(at, $"unclosed #{name}(");
            }

            arguments.Add(ParseUnary());
        }

        var source = _src[at.._pos];
        GobbleNewline();
        return new VtlNode.MacroCall(at, name, [.. arguments], source);
    }

    private string ParseSimpleReferenceName(string directive)
    {
        if (Peek() != '$')
        {
            throw new VtlParseException(_pos, $"expected a $name in #{directive}");
        }

        var reference = ParseReference(required: true)!;
        if (reference.Steps.Length > 0)
        {
            throw new VtlParseException(reference.Offset, $"#{directive} needs a plain $name");
        }

        return reference.Name;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private bool IsReferenceStart(int at)
    {
        var p = at + 1;
        if (p < _end && _src[p] == '!')
        {
            p++;
        }

        if (p < _end && _src[p] == '{')
        {
            p++;
        }

        return p < _end && IsIdentifierStart(_src[p]);
    }

    /// <summary>
    /// <c>$name</c>, <c>$!name</c>, <c>${name}</c>, <c>$!{name}</c> followed by <c>.prop</c>,
    /// <c>.method(args)</c> and <c>[index]</c> steps. In text a malformed tail ends the reference
    /// (so <c>$a.</c> is <c>$a</c> then a dot); in expressions it is an error.
    /// </summary>
    private VtlExpression.Reference? ParseReference(bool required)
    {
        var at = _pos;
        _pos++;
        var quiet = Peek() == '!';
        if (quiet)
        {
            _pos++;
        }

        var braced = Peek() == '{';
        if (braced)
        {
            _pos++;
        }

        if (!IsIdentifierStart(Peek()))
        {
            if (required)
            {
                throw new VtlParseException(at, "expected a reference name after '$'");
            }

            return null;
        }

        var nameStart = _pos;
        while (IsIdentifierPart(Peek()))
        {
            _pos++;
        }

        var name = _src[nameStart.._pos];
        var steps = new List<VtlReferenceStep>();
        Enter();
        while (true)
        {
            if (Peek() == '.' && IsIdentifierStart(Peek(1)))
            {
                var stepAt = _pos;
                _pos++;
                var start = _pos;
                while (IsIdentifierPart(Peek()))
                {
                    _pos++;
                }

                var member = _src[start.._pos];
                if (Peek() == '(')
                {
                    _pos++;
                    steps.Add(new VtlReferenceStep.Method(stepAt, member, ParseArguments(')', "method call")));
                }
                else
                {
                    steps.Add(new VtlReferenceStep.Property(stepAt, member));
                }

                continue;
            }

            if (Peek() == '[' && (required || braced || IsSimpleIndex(_pos)))
            {
                var stepAt = _pos;
                _pos++;
                var key = ParseExpression();
                SkipWhitespace();
                if (Peek() != ']')
                {
                    throw new VtlParseException(_pos, "expected ']'");
                }

                _pos++;
                steps.Add(new VtlReferenceStep.Index(stepAt, key));
                continue;
            }

            break;
        }

        Exit();
        if (braced)
        {
            if (Peek() != '}')
            {
                if (required)
                {
                    throw new VtlParseException(_pos, "expected '}' to close ${");
                }

                return null;
            }

            _pos++;
        }

        return new VtlExpression.Reference(at, name, Slot(name), [.. steps], quiet, _src[at.._pos]);
    }

    /// <summary>
    /// In text, <c>[</c> after a reference is an index only in the forms templates use —
    /// <c>[0]</c>, <c>[-1]</c>, <c>['k']</c>, <c>["k"]</c>, <c>[$i]</c>, <c>[$a.b]</c> — so
    /// text such as <c>$price[USD]</c> stays text without backtracking (which hostile input
    /// could make quadratic).
    /// </summary>
    private bool IsSimpleIndex(int at)
    {
        var p = at + 1;
        while (p < _end && _src[p] is ' ' or '\t')
        {
            p++;
        }

        if (p >= _end)
        {
            return false;
        }

        var c = _src[p];
        if (c is '\'' or '"')
        {
            var close = _src.IndexOf(c, p + 1, Math.Min(_end - p - 1, 256));
            if (close < 0 || _src.AsSpan(p + 1, close - p - 1).IndexOfAny("$#\\\n") >= 0)
            {
                return false;
            }

            p = close + 1;
        }
        else if (c == '-' || char.IsAsciiDigit(c))
        {
            p++;
            while (p < _end && char.IsAsciiDigit(_src[p]))
            {
                p++;
            }
        }
        else if (c == '$')
        {
            p++;
            if (p >= _end || !IsIdentifierStart(_src[p]))
            {
                return false;
            }

            while (p < _end && (IsIdentifierPart(_src[p]) || (_src[p] == '.' && p + 1 < _end && IsIdentifierStart(_src[p + 1]))))
            {
                p++;
            }
        }
        else
        {
            return false;
        }

        while (p < _end && _src[p] is ' ' or '\t')
        {
            p++;
        }

        return p < _end && _src[p] == ']';
    }

    private VtlExpression[] ParseArguments(char close, string what)
    {
        var arguments = new List<VtlExpression>();
        SkipWhitespace();
        if (Peek() == close)
        {
            _pos++;
            return [];
        }

        while (true)
        {
            arguments.Add(ParseExpression());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            if (Peek() == close)
            {
                _pos++;
                return [.. arguments];
            }

            throw new VtlParseException(_pos, _pos >= _end ? $"unclosed {what}" : $"expected ',' or '{close}' in {what}");
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _end && char.IsWhiteSpace(_src[_pos]))
        {
            _pos++;
        }
    }

    private void SkipBlanks()
    {
        while (_pos < _end && _src[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private bool TryWord(string word)
    {
        SkipWhitespace();
        if (_pos + word.Length <= _end && string.CompareOrdinal(_src, _pos, word, 0, word.Length) == 0
            && !IsIdentifierPart(_pos + word.Length < _end ? _src[_pos + word.Length] : '\0'))
        {
            _pos += word.Length;
            return true;
        }

        return false;
    }

    private bool TrySymbol(string symbol)
    {
        SkipWhitespace();
        if (_pos + symbol.Length <= _end && string.CompareOrdinal(_src, _pos, symbol, 0, symbol.Length) == 0)
        {
            _pos += symbol.Length;
            return true;
        }

        return false;
    }

    private VtlExpression ParseExpression()
    {
        Enter();
        var saved = _operators;
        _operators = 0;
        var result = ParseOr();
        _operators = saved;
        Exit();
        return result;
    }

    private void CountOperator(int at)
    {
        if (++_operators > MaxOperators)
        {
            throw new VtlParseException(at, $"expression has more than {MaxOperators} operators");
        }
    }

    private VtlExpression ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            var at = _pos;
            if (TrySymbol("||") || TryWord("or"))
            {
                CountOperator(at);
                left = new VtlExpression.Logical(at, isAnd: false, left, ParseAnd());
                continue;
            }

            return left;
        }
    }

    private VtlExpression ParseAnd()
    {
        var left = ParseEquality();
        while (true)
        {
            var at = _pos;
            if (TrySymbol("&&") || TryWord("and"))
            {
                CountOperator(at);
                left = new VtlExpression.Logical(at, isAnd: true, left, ParseEquality());
                continue;
            }

            return left;
        }
    }

    private VtlExpression ParseEquality()
    {
        var left = ParseRelational();
        while (true)
        {
            var at = _pos;
            string? op = TrySymbol("==") || TryWord("eq") ? "==" : TrySymbol("!=") || TryWord("ne") ? "!=" : null;
            if (op is null)
            {
                return left;
            }

            CountOperator(at);
            left = new VtlExpression.Binary(at, op, left, ParseRelational());
        }
    }

    private VtlExpression ParseRelational()
    {
        var left = ParseAdditive();
        while (true)
        {
            var at = _pos;
            string? op = TrySymbol("<=") || TryWord("le") ? "<="
                : TrySymbol(">=") || TryWord("ge") ? ">="
                : TrySymbol("<") || TryWord("lt") ? "<"
                : TrySymbol(">") || TryWord("gt") ? ">"
                : null;
            if (op is null)
            {
                return left;
            }

            CountOperator(at);
            left = new VtlExpression.Binary(at, op, left, ParseAdditive());
        }
    }

    private VtlExpression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            var at = _pos;
            string? op = TrySymbol("+") ? "+" : TrySymbol("-") ? "-" : null;
            if (op is null)
            {
                return left;
            }

            CountOperator(at);
            left = new VtlExpression.Binary(at, op, left, ParseMultiplicative());
        }
    }

    private VtlExpression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            var at = _pos;
            string? op = TrySymbol("*") ? "*" : TrySymbol("/") ? "/" : TrySymbol("%") ? "%" : null;
            if (op is null)
            {
                return left;
            }

            CountOperator(at);
            left = new VtlExpression.Binary(at, op, left, ParseUnary());
        }
    }

    private VtlExpression ParseUnary()
    {
        SkipWhitespace();
        var at = _pos;
        if (Peek() == '!' && Peek(1) != '=')
        {
            _pos++;
            Enter();
            var operand = ParseUnary();
            Exit();
            return new VtlExpression.Not(at, operand);
        }

        if (TryWord("not"))
        {
            Enter();
            var operand = ParseUnary();
            Exit();
            return new VtlExpression.Not(at, operand);
        }

        if (Peek() == '-')
        {
            _pos++;
            if (char.IsAsciiDigit(Peek()))
            {
                _pos = at;
                return ParseNumber();
            }

            Enter();
            var operand = ParseUnary();
            Exit();
            return new VtlExpression.Negate(at, operand);
        }

        return ParsePrimary();
    }

    private VtlExpression ParsePrimary()
    {
        SkipWhitespace();
        var at = _pos;
        var c = Peek();
        switch (c)
        {
            case '$':
                return ParseReference(required: true)!;
            case '"':
                return ParseDoubleQuoted();
            case '\'':
                return ParseSingleQuoted();
            case '(':
                _pos++;
                var inner = ParseExpression();
                SkipWhitespace();
                if (Peek() != ')')
                {
                    throw new VtlParseException(_pos, _pos >= _end ? "unclosed '('" : "expected ')'");
                }

                _pos++;
                return inner;
            case '[':
                return ParseListOrRange();
            case '{':
                return ParseMap();
        }

        if (char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (TryWord("true"))
        {
            return new VtlExpression.Literal(at, true);
        }

        if (TryWord("false"))
        {
            return new VtlExpression.Literal(at, false);
        }

        if (TryWord("null"))
        {
            return new VtlExpression.Literal(at, null);
        }

        throw new VtlParseException(at, _pos >= _end ? "unexpected end of template in expression" : $"unexpected '{c}' in expression");
    }

    private VtlExpression ParseNumber()
    {
        var at = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        var isFloat = Peek() == '.' && char.IsAsciiDigit(Peek(1));
        if (isFloat)
        {
            _pos++;
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }
        }

        var raw = _src[at.._pos];
        if (isFloat)
        {
            return new VtlExpression.Literal(at, double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return new VtlExpression.Literal(at, i);
        }

        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new VtlExpression.Literal(at, l);
        }

        throw new VtlParseException(at, $"integer literal {raw} is too large");
    }

    private VtlExpression ParseListOrRange()
    {
        var at = _pos;
        _pos++;
        Enter();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            Exit();
            return new VtlExpression.ListLiteral(at, []);
        }

        var first = ParseExpression();
        if (TrySymbol(".."))
        {
            var last = ParseExpression();
            if (!TrySymbol("]"))
            {
                throw new VtlParseException(_pos, "expected ']' to close the range");
            }

            Exit();
            return new VtlExpression.Range(at, first, last);
        }

        var items = new List<VtlExpression> { first };
        while (true)
        {
            if (TrySymbol(","))
            {
                items.Add(ParseExpression());
                continue;
            }

            if (TrySymbol("]"))
            {
                Exit();
                return new VtlExpression.ListLiteral(at, [.. items]);
            }

            throw new VtlParseException(_pos, _pos >= _end ? "unclosed '['" : "expected ',' or ']' in list");
        }
    }

    private VtlExpression ParseMap()
    {
        var at = _pos;
        _pos++;
        Enter();
        var entries = new List<(VtlExpression, VtlExpression)>();
        if (TrySymbol("}"))
        {
            Exit();
            return new VtlExpression.MapLiteral(at, []);
        }

        while (true)
        {
            var key = ParseExpression();
            if (!TrySymbol(":"))
            {
                throw new VtlParseException(_pos, "expected ':' in map literal");
            }

            entries.Add((key, ParseExpression()));
            if (TrySymbol(","))
            {
                continue;
            }

            if (TrySymbol("}"))
            {
                Exit();
                return new VtlExpression.MapLiteral(at, [.. entries]);
            }

            throw new VtlParseException(_pos, _pos >= _end ? "unclosed '{'" : "expected ',' or '}' in map literal");
        }
    }

    /// <summary>
    /// Velocity 1.7 keeps backslashes in string literals as written (so <c>"\\'"</c> is the regex
    /// <c>\\'</c>); a doubled quote stands for one quote. A string holding <c>$</c> or <c>#</c> is
    /// parsed as a template and rendered at each evaluation.
    /// </summary>
    private VtlExpression ParseDoubleQuoted()
    {
        var at = _pos;
        var p = _pos + 1;
        while (true)
        {
            if (p >= _end)
            {
                throw new VtlParseException(at, "unterminated string literal");
            }

            if (_src[p] == '\\' && p + 1 < _end)
            {
                p += 2;
                continue;
            }

            if (_src[p] == '"')
            {
                if (p + 1 < _end && _src[p + 1] == '"')
                {
                    p += 2;
                    continue;
                }

                break;
            }

            p++;
        }

        var contentStart = at + 1;
        var contentEnd = p;
        var content = _src[contentStart..contentEnd];
        _pos = p + 1;
        if (content.AsSpan().IndexOfAny('$', '#') < 0)
        {
            return new VtlExpression.Literal(at, content.Replace("\"\"", "\"", StringComparison.Ordinal));
        }

        var savedEnd = _end;
        var savedPos = _pos;
        var savedInString = _inString;
        _end = contentEnd;
        _pos = contentStart;
        _inString = true;
        VtlNode[] parts;
        try
        {
            parts = ParseBlock(out var terminator, out var terminatorAt);
            if (terminator != Terminator.None)
            {
                throw new VtlParseException(terminatorAt, $"#{Describe(terminator)} without a matching directive in string literal");
            }
        }
        finally
        {
            // Restored on failure too: callers that backtrack (an index in text, an unknown #name) go on parsing.
            _end = savedEnd;
            _pos = savedPos;
            _inString = savedInString;
        }
        if (parts.Length == 1 && parts[0] is VtlNode.Text only)
        {
            return new VtlExpression.Literal(at, only.Value);
        }

        return new VtlExpression.InterpolatedString(at, parts);
    }

    private VtlExpression ParseSingleQuoted()
    {
        var at = _pos;
        var builder = new StringBuilder();
        var p = _pos + 1;
        while (true)
        {
            if (p >= _end)
            {
                throw new VtlParseException(at, "unterminated string literal");
            }

            if (_src[p] == '\'')
            {
                if (p + 1 < _end && _src[p + 1] == '\'')
                {
                    builder.Append('\'');
                    p += 2;
                    continue;
                }

                break;
            }

            builder.Append(_src[p]);
            p++;
        }

        _pos = p + 1;
        return new VtlExpression.Literal(at, builder.ToString());
    }
}
