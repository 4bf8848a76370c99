using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Messages;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.MaterialFiles;

/// <summary>How large an uploaded file may be (<c>Files:MaxBytes</c>, default 20 MB).</summary>
public sealed record MaterialFileOptions(long MaxBytes = MaterialFileOptions.DefaultMaxBytes)
{
    /// <summary>20 MB, the limit unless <c>Files:MaxBytes</c> says otherwise.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The limit in megabytes as messages write it (e.g. "20", "0.5").</summary>
    public string MaxMegabytes => (MaxBytes / (1024.0 * 1024)).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Uploaded materials (docs/materials.md): the agent uploads a file per material of a case, each upload a new version;
/// the type is read from the content, the SHA-256 is recorded and audited; a step's holder marks a version defective, and
/// the defective current versions join the next one-time notice or supplement request (<see cref="DefectsAsync"/>).
/// Who may do this is the Host's business (the case's access rules).
/// </summary>
public sealed class MaterialFiles(IDbContextFactory<WorkflowDbContext> contexts, IFileStore store, AuditTrail audit, IClock clock, MaterialFileOptions? options = null)
{
    /// <summary>The upload limits in force.</summary>
    public MaterialFileOptions Options { get; } = options ?? new MaterialFileOptions();

    /// <summary>Stores <paramref name="content"/> as the next version of <paramref name="materialCode"/> of the case.</summary>
    /// <exception cref="PermitRuleViolation">Not a material of the case (<c>materialCode</c>); empty, too large or not a PDF, JPEG or PNG (<c>file</c>); the case is closed.</exception>
    public async Task<MaterialFileRow> UploadAsync(CaseFile file, string materialCode, string fileName, Stream content, string uploadedBy, CancellationToken cancellationToken = default)
    {
        if (!file.State.IsOpen()) throw PermitRuleViolation.For("file", RuleCodes.FileCaseClosed);
        if (file.Materials.All(m => m.Code != materialCode))
            throw PermitRuleViolation.For("materialCode", RuleCodes.FileMaterialUnknown, materialCode);
        var (bytes, type) = await ReadCheckedAsync(content, cancellationToken);

        var id = Guid.NewGuid().ToString("N");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await store.SaveAsync(id, bytes, cancellationToken);
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var version = 1 + (await db.Set<MaterialFileRow>().Where(f => f.CaseId == file.CaseId && f.MaterialCode == materialCode).MaxAsync(f => (int?)f.Version, cancellationToken) ?? 0);
            var row = new MaterialFileRow
            {
                Id = id, CaseId = file.CaseId, MaterialCode = materialCode, Version = version, FileName = name.Length == 0 ? "file" : name, ContentType = type,
                Size = bytes.Length, Sha256 = sha, StorageKey = id, UploadedBy = uploadedBy, UploadedAt = clock.GetCurrentInstant(),
            };
            db.Add(row);
            await audit.AppendAsync(db, [new AuditFact("material.uploaded", uploadedBy, CaseId: file.CaseId,
                After: $"{materialCode} v{version}: {row.FileName}, {type}, {bytes.Length} bytes, sha256 {sha}")], cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return row;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two uploads of one material at once took the same version number: the later takes the next one.
                await tx.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The content and its type when it may be stored: not empty, within <see cref="MaterialFileOptions.MaxBytes"/>, a PDF,
    /// JPEG or PNG by its content. The apply form checks its files with this before filing (docs/materials.md).
    /// </summary>
    /// <exception cref="PermitRuleViolation">Empty, too large or of another type (field <c>file</c>).</exception>
    public async Task<(byte[] Content, string ContentType)> ReadCheckedAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAtMostAsync(content, Options.MaxBytes, cancellationToken);
        if (bytes is null)
            throw PermitRuleViolation.For("file", RuleCodes.FileTooLarge, Options.MaxMegabytes);
        if (bytes.Length == 0) throw PermitRuleViolation.For("file", RuleCodes.FileEmpty);
        var type = FileKinds.Detect(bytes)
            ?? throw PermitRuleViolation.For("file", RuleCodes.FileTypeRefused, "PDF, JPEG, PNG");
        return (bytes, type);
    }

    /// <summary>Every version of every material of the case, by material and version.</summary>
    public async Task<IReadOnlyList<MaterialFileRow>> ListAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<MaterialFileRow>().AsNoTracking().Where(f => f.CaseId == caseId)
            .OrderBy(f => f.MaterialCode).ThenBy(f => f.Version).ToListAsync(cancellationToken);
    }

    /// <summary>The file <paramref name="fileId"/> of case <paramref name="caseId"/>, or null (another case's file is none of this case's).</summary>
    public async Task<MaterialFileRow?> FindAsync(string caseId, string fileId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<MaterialFileRow>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.CaseId == caseId, cancellationToken);
    }

    /// <summary>The file's bytes (null when the store lost them).</summary>
    public Task<Stream?> OpenAsync(MaterialFileRow row, CancellationToken cancellationToken = default) => store.OpenAsync(row.StorageKey, cancellationToken);

    /// <summary>Marks a version defective, audited; the next notice or supplement request of the case lists it.</summary>
    /// <returns>The file; null when the case has no such file.</returns>
    /// <exception cref="PermitRuleViolation">No reason given, or one longer than <see cref="InputLimits.Reason"/>.</exception>
    public async Task<MaterialFileRow?> MarkDefectiveAsync(string caseId, string fileId, string reason, string by, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw PermitRuleViolation.For("reason", RuleCodes.FileDefectReasonRequired);
        if (InputLimits.Check(reason.Trim(), InputLimits.Reason) is { } tooLong) throw new PermitRuleViolation(new Dictionary<string, RuleMessage[]> { ["reason"] = [tooLong] });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Set<MaterialFileRow>().FirstOrDefaultAsync(f => f.Id == fileId && f.CaseId == caseId, cancellationToken);
        if (row is null) return null;
        var before = row.DefectReason;
        (row.DefectReason, row.DefectBy, row.DefectAt) = (reason.Trim(), by, clock.GetCurrentInstant());
        await audit.AppendAsync(db, [new AuditFact("material.defective", by, CaseId: caseId, Before: before,
            After: $"{row.MaterialCode} v{row.Version.ToString(CultureInfo.InvariantCulture)}: {row.DefectReason}")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>The materials whose current (latest) version is marked defective, each with its reason, for the next notice.</summary>
    public async Task<IReadOnlyList<MaterialDefect>> DefectsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var files = await ListAsync(caseId, cancellationToken);
        return files.GroupBy(f => f.MaterialCode).Select(g => g.MaxBy(f => f.Version)!)
            .Where(f => f.DefectReason is not null)
            .Select(f => new MaterialDefect(f.MaterialCode, $"{f.DefectReason}（{f.FileName} v{f.Version}）"))
            .ToList();
    }

    /// <summary>The content, or null when it is longer than <paramref name="max"/> bytes (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max) return null;
        }
        return buffer.ToArray();
    }
}
