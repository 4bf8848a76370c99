using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.MaterialFiles;

/// <summary>The uploaded materials' table <c>material_files</c> (docs/materials.md); the bytes are in the <see cref="IFileStore"/>.</summary>
public sealed class MaterialFilePersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "material-files";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "uploaded material files and their versions", Script("INTEGER"), Script("bigint")),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        var instant = new InstantToUnixNanosecondsConverter();
        modelBuilder.Entity<MaterialFileRow>(e =>
        {
            e.ToTable("material_files");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CaseId).HasColumnName("case_id");
            e.Property(x => x.MaterialCode).HasColumnName("material_code");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.FileName).HasColumnName("file_name");
            e.Property(x => x.ContentType).HasColumnName("content_type");
            e.Property(x => x.Size).HasColumnName("size");
            e.Property(x => x.Sha256).HasColumnName("sha256");
            e.Property(x => x.StorageKey).HasColumnName("storage_key");
            e.Property(x => x.UploadedBy).HasColumnName("uploaded_by");
            e.Property(x => x.UploadedAt).HasColumnName("uploaded_at").HasConversion(instant);
            e.Property(x => x.DefectReason).HasColumnName("defect_reason");
            e.Property(x => x.DefectBy).HasColumnName("defect_by");
            e.Property(x => x.DefectAt).HasColumnName("defect_at").HasConversion(instant);
        });
    }

    private static string Script(string int64) => $"""
        CREATE TABLE material_files (
            id TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            material_code TEXT NOT NULL,
            version INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size {int64} NOT NULL,
            sha256 TEXT NOT NULL,
            storage_key TEXT NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at {int64} NOT NULL,
            defect_reason TEXT NULL,
            defect_by TEXT NULL,
            defect_at {int64} NULL
        );
        CREATE UNIQUE INDEX ux_material_files_version ON material_files (case_id, material_code, version);
        """;
}
