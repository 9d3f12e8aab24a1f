namespace Lakegate.Core.Datasets;

/// <summary>
/// What callers of one dataset may see: the exposed columns (hidden ones are simply absent, so an
/// unknown and a hidden column answer the same) and the unique key.
/// </summary>
public sealed class DatasetSchema
{
    private readonly Dictionary<string, DatasetColumn> _byName;

    public DatasetSchema(string datasetName, IReadOnlyList<DatasetColumn> exposed, IReadOnlyList<string> key)
    {
        DatasetName = datasetName;
        Columns = exposed;
        _byName = exposed.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Key = [.. key.Select(k => _byName[k])];
    }

    public string DatasetName { get; }

    public IReadOnlyList<DatasetColumn> Columns { get; }

    public IReadOnlyList<DatasetColumn> Key { get; }

    public DatasetColumn? Find(string name) => _byName.GetValueOrDefault(name);
}
