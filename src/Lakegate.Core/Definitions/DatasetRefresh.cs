namespace Lakegate.Core.Definitions;

/// <summary>When a dataset's file list and schema are read again.</summary>
public enum DatasetRefresh
{
    /// <summary>Checked at most every <c>refreshIntervalSeconds</c> before a query; changed files are re-read.</summary>
    OnChange,

    /// <summary>Read once when the gateway starts.</summary>
    Never,
}
