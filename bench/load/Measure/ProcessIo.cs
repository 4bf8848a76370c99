namespace Workflow.Load.Measure;

/// <summary>
/// This process's I/O counters from <c>/proc/self/io</c> (Linux): <c>wchar</c>, the bytes handed to <c>write()</c>, and
/// <c>write_bytes</c>, those sent to the storage layer. Zero where the file does not exist.
/// </summary>
public readonly record struct ProcessIo(long BytesHandedToWrite, long BytesToStorage)
{
    /// <summary>The counters now.</summary>
    public static ProcessIo Read()
    {
        const string file = "/proc/self/io";
        if (!File.Exists(file)) return default;
        long wchar = 0, writeBytes = 0;
        foreach (var line in File.ReadAllLines(file))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !long.TryParse(parts[1], out var value)) continue;
            if (parts[0] == "wchar") wchar = value;
            else if (parts[0] == "write_bytes") writeBytes = value;
        }
        return new ProcessIo(wchar, writeBytes);
    }

    /// <summary>The counters' growth from <paramref name="before"/> to this reading.</summary>
    public ProcessIo Since(ProcessIo before) => new(BytesHandedToWrite - before.BytesHandedToWrite, BytesToStorage - before.BytesToStorage);
}
