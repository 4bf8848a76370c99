using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Certificates;

/// <summary>The electronic certificates' table <c>permit_certificates</c> (docs/public.md).</summary>
public sealed class CertificatePersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "certificates";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "electronic certificates and their verification codes", Script("INTEGER"), Script("bigint")),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CertificateRow>(e =>
        {
            e.ToTable("permit_certificates");
            e.HasKey(x => x.Code);
        });
    }

    private static string Script(string int64) => $"""
        CREATE TABLE permit_certificates (
            code TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            number TEXT NOT NULL,
            certificate_type TEXT NOT NULL,
            decision TEXT NOT NULL,
            project_name TEXT NOT NULL,
            matters TEXT NOT NULL,
            department TEXT NOT NULL,
            issued_at {int64} NOT NULL,
            conditions TEXT NOT NULL,
            revoked_at {int64} NULL,
            revoked_by TEXT NULL
        );
        CREATE INDEX ix_permit_certificates_case ON permit_certificates (case_id);
        """;
}
