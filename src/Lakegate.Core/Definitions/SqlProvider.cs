namespace Lakegate.Core.Definitions;

/// <summary>The databases a <c>sql</c> connection can reach.</summary>
public enum SqlProvider
{
    Sqlite,
    Postgres,
}
