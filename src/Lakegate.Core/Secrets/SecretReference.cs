namespace Lakegate.Core.Secrets;

/// <summary>
/// One <c>{{secret:NAME[:KEY[:VERSION]]}}</c> reference written in a config string. <see cref="Key"/>
/// picks a field of a JSON-object secret (null = the whole value); <see cref="Version"/> is a staging
/// label (<c>AWSCURRENT</c>, the default, or <c>AWSPREVIOUS</c>) or a version id.
/// </summary>
public sealed record SecretReference(string Name, string? Key, string Version)
{
    public const string Current = "AWSCURRENT";

    public const string Previous = "AWSPREVIOUS";

    /// <summary>The reference as it is written, for messages (it never contains the value).</summary>
    public string Text => Key is null && Version == Current
        ? $"{{{{secret:{Name}}}}}"
        : Version == Current ? $"{{{{secret:{Name}:{Key}}}}}" : $"{{{{secret:{Name}:{Key}:{Version}}}}}";
}
