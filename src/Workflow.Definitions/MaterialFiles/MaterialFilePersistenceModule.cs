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
        modelBuilder.Entity<MaterialFileRow>(e =>
        {
            e.ToTable("material_files");
            e.HasKey(x => x.Id);
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
