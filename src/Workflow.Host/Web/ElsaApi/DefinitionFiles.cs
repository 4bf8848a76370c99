using System.IO.Compression;
using System.Text;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>Definition files in and out: uploaded <c>.json</c> files and <c>.zip</c> archives of them; zip archives for bulk export.</summary>
public static class DefinitionFiles
{
    /// <summary>The most bytes one uploaded file (or one zip entry) may have.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>(name, text) of every uploaded JSON file and every JSON entry of every uploaded zip, in upload order.</summary>
    public static async Task<IReadOnlyList<(string Name, string Text)>> ReadAsync(IFormFileCollection files, CancellationToken ct)
    {
        var result = new List<(string, string)>();
        foreach (var file in files)
        {
            if (file.Length > MaxFileBytes)
                throw new BadHttpRequestException($"File {file.FileName} is larger than {MaxFileBytes / 1024 / 1024} MB.");
            await using var stream = file.OpenReadStream();
            if (file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                await using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                {
                    if (entry.Length > MaxFileBytes)
                        throw new BadHttpRequestException($"Entry {entry.FullName} of {file.FileName} is larger than {MaxFileBytes / 1024 / 1024} MB.");
                    await using var entryStream = await entry.OpenAsync(ct);
                    using var reader = new StreamReader(entryStream, Encoding.UTF8);
                    result.Add(($"{file.FileName}/{entry.FullName}", await reader.ReadToEndAsync(ct)));
                }
            }
            else
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                result.Add((file.FileName, await reader.ReadToEndAsync(ct)));
            }
        }
        return result;
    }

    /// <summary>A zip holding each (file name, text) pair; names are made unique by a numeric suffix.</summary>
    public static byte[] Zip(IEnumerable<(string FileName, string Text)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (fileName, text) in files)
            {
                var name = fileName;
                for (var n = 2; !used.Add(name); n++)
                    name = $"{Path.GetFileNameWithoutExtension(fileName)}-{n}{Path.GetExtension(fileName)}";
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A file name made of <paramref name="name"/> with every character a file system refuses replaced by '_'.</summary>
    public static string SafeFileName(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
}
