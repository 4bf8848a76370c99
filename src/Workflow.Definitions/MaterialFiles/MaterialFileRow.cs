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
    /// <summary>A new random id per upload; also the version's <see cref="StorageKey"/>.</summary>
    public required string Id { get; set; }
    /// <summary>The case the material belongs to.</summary>
    public required string CaseId { get; set; }
    /// <summary>The material of the case this file is a version of.</summary>
    public required string MaterialCode { get; set; }
    /// <summary>
    /// 1 for the first upload of the material, then the next number on each re-upload; the highest is the current
    /// version.
    /// </summary>
    public int Version { get; set; }
    /// <summary>The file's name as uploaded (<c>file</c> when it had none), for display and download only.</summary>
    public required string FileName { get; set; }
    /// <summary>The type read from the content (<see cref="FileKinds"/>), never the name's extension.</summary>
    public required string ContentType { get; set; }
    /// <summary>The file's size in bytes, at most <see cref="MaterialFileOptions.MaxBytes"/>.</summary>
    public long Size { get; set; }
    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; set; }
    /// <summary>The key of the bytes in the <see cref="IFileStore"/>.</summary>
    public required string StorageKey { get; set; }
    /// <summary>The user who uploaded this version.</summary>
    public required string UploadedBy { get; set; }
    /// <summary>When this version was uploaded.</summary>
    public Instant UploadedAt { get; set; }
    /// <summary>Why the version was marked defective; null while it is not.</summary>
    public string? DefectReason { get; set; }
    /// <summary>Who marked the version defective; null while it is not.</summary>
    public string? DefectBy { get; set; }
    /// <summary>When the version was marked defective; null while it is not.</summary>
    public Instant? DefectAt { get; set; }
}
