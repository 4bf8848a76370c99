namespace Workflow.Definitions.MaterialFiles;

/// <summary>
/// Where uploaded files' bytes live (docs/materials.md, Storage). The default is <see cref="FolderFileStore"/>, a folder
/// under the data directory; a jurisdiction plugs in object storage by registering another implementation.
/// Keys are opaque ids the store chooses nothing about; a stored key is never overwritten.
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>, all or nothing; a key already stored is never
    /// overwritten.
    /// </summary>
    Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The stored bytes, or null when there is nothing under <paramref name="key"/>.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Files in a folder (default <c>./data/files</c>, setting <c>Files:Folder</c>), two levels of sub-folders by key prefix.</summary>
public sealed class FolderFileStore(string root) : IFileStore
{
    /// <summary>The folder's absolute path.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <inheritdoc />
    public async Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved in, so a reader never sees half a file.
        var temp = path + ".part";
        await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken);
        File.Move(temp, path, overwrite: false);
    }

    /// <inheritdoc />
    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    private string PathOf(string key)
    {
        if (key.Length < 4 || !key.All(char.IsAsciiLetterOrDigit)) throw new ArgumentException("A file key is letters and digits.", nameof(key));
        return Path.Combine(Root, key[..2], key[2..4], key);
    }
}
