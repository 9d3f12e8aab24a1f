using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lakegate.Core.Vtl.ApiGateway;

namespace Lakegate.Core.Tests.Vtl;

/// <summary>Round-trip and escaping properties of <c>$util</c>, over generated strings (FsCheck).</summary>
public sealed class UtilPropertyTests
{
    private static string Call(string method, string argument)
    {
        Assert.True(UtilObject.Instance.TryInvoke(method, [argument], out var result), method);
        return Assert.IsType<string>(result);
    }

    /// <summary>Strings UTF-8 can carry: lone surrogates are not text and do not survive any UTF-8 round trip.</summary>
    private static bool IsText(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 500)]
    public Property Base64_RoundTrips(NonNull<string> text) =>
        Prop.When(IsText(text.Get), () => Call("base64Decode", Call("base64Encode", text.Get)) == text.Get);

    [Property(MaxTest = 500)]
    public Property UrlEncode_RoundTrips_AndUsesOnlyFormSafeCharacters(NonNull<string> text) =>
        Prop.When(IsText(text.Get), () =>
        {
            var encoded = Call("urlEncode", text.Get);
            var safe = encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_' or '+' or '%');
            return safe && Call("urlDecode", encoded) == text.Get;
        });

    [Property(MaxTest = 500)]
    public Property UrlEncode_SpaceIsPlus(NonNull<string> text) =>
        Prop.When(IsText(text.Get), () => Call("urlEncode", text.Get + " ").EndsWith('+'));

    /// <summary>
    /// The idiom API Gateway users write, <c>"$util.escapeJavaScript($x).replaceAll("\\'","'")"</c>, must give a
    /// JSON string literal whose value is the original text.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property EscapeJavaScript_WithTheQuoteIdiom_IsAValidJsonStringOfTheInput(NonNull<string> text) =>
        Prop.When(IsText(text.Get), () => QuoteIdiomRoundTrips(text.Get));

    private static bool QuoteIdiomRoundTrips(string text)
    {
        var literal = "\"" + Call("escapeJavaScript", text).Replace("\\'", "'", StringComparison.Ordinal) + "\"";
        string? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<string>(literal);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        return parsed == text;
    }

    [Property(MaxTest = 300)]
    public Property EscapeJavaScript_LeavesNoRawQuoteOrControlCharacter(NonNull<string> text)
    {
        var escaped = Call("escapeJavaScript", text.Get);
        var ok = true;
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\')
            {
                i++;
                continue;
            }

            // JSON and JavaScript need C0 controls escaped; DEL (0x7f) may stay raw, as Commons Lang leaves it.
            ok &= escaped[i] is not ('"' or '\'') && escaped[i] >= ' ';
        }

        return ok.ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property ParseJson_OfASerializedString_GivesItBack(NonNull<string> text) =>
        Prop.When(IsText(text.Get), () =>
        {
            var json = JsonSerializer.Serialize(text.Get);
            return UtilObject.Instance.TryInvoke("parseJson", [json], out var result) && result as string == text.Get;
        });

    [Fact]
    public void Base64Encode_IsUtf8()
    {
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("café")), Call("base64Encode", "café"));
    }
}
