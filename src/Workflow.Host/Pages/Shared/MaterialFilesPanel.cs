using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.MaterialFiles;

namespace Workflow.Host.Pages.Shared;

/// <summary>What <c>_MaterialFiles</c> shows: the case's files, and whether the reader may upload or mark defective.</summary>
public sealed record MaterialFilesPanel(
    IReadOnlyList<MaterialFileRow> Files, IReadOnlyList<MaterialRecord> Materials, bool MayUpload, bool MayMarkDefective,
    DateTimeZone Zone, IReadOnlyDictionary<string, string[]> Errors)
{
    public string NameOf(string code) => Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code;

    /// <summary>The latest version of its material.</summary>
    public bool IsCurrent(MaterialFileRow file) => Files.Where(f => f.MaterialCode == file.MaterialCode).Max(f => f.Version) == file.Version;
}
