using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.DataProtection;

/// <summary>
/// The table <c>host_data_protection_keys</c>: ASP.NET Core's data-protection key ring (the keys that protect sign-in
/// cookies and antiforgery tokens), kept in the database so that every host of one deployment reads the same ring
/// (docs/deployment.md, "Several hosts on one PostgreSQL").
/// </summary>
public sealed class DataProtectionKeysModule : IWorkflowPersistenceModule
{
    public string Name => "dataprotection";

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "data-protection key ring", Script, Script),
    ];

    public void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("host_data_protection_keys");
            e.HasKey(x => x.FriendlyName);
        });

    private const string Script = """
        CREATE TABLE host_data_protection_keys (
            friendly_name TEXT NOT NULL PRIMARY KEY,
            xml TEXT NOT NULL
        );
        """;
}

/// <summary>One key of the ring as the XML data protection writes (the key material itself is in it: guard the database).</summary>
public sealed class DataProtectionKeyRow
{
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
