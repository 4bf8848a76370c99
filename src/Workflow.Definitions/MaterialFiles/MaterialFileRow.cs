using NodaTime;

namespace Workflow.Definitions.MaterialFiles;

/// <summary>
/// One uploaded version of one material of a case (<c>material_files</c>, docs/materials.md): a re-upload is a new
/// row with the next <see cref="Version"/>; earlier versions stay. The bytes live in the <see cref="IFileStore"/> under
/// <see cref="StorageKey"/>; <see cref="Sha256"/> is recorded and audited. A reviewer or the front desk may mark a
/// version defective (<see cref="DefectReason"/>), which the next one-time notice or supplement request lists.
/// </summary>
public sealed class MaterialFileRow
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string MaterialCode { get; set; }
    public int Version { get; set; }
    public required string FileName { get; set; }
    /// <summary>The type read from the content (<see cref="FileKinds"/>), never the name's extension.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }
    public required string UploadedBy { get; set; }
    public Instant UploadedAt { get; set; }
    public string? DefectReason { get; set; }
    public string? DefectBy { get; set; }
    public Instant? DefectAt { get; set; }
}
