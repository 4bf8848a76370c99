using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Audit;

/// <summary>The audit module's hand-written scripts against its model (docs/persistence.md, Migrations), on both providers.</summary>
public class AuditSchemaTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_audit_table_matches_the_model_and_is_a_module_of_its_own(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2025-03-03T09:30:00+08:00");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table("audit_entries");
        var model = entity.GetProperties().ToDictionary(p => p.GetColumnName(store)!, p => p.IsNullable);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new Dictionary<string, bool>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = db.Provider == WorkflowDatabaseProvider.Sqlite
                ? "SELECT name, \"notnull\" = 0 FROM pragma_table_info('audit_entries')"
                : "SELECT column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = 'audit_entries'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns[reader.GetString(0)] = Convert.ToBoolean(reader.GetValue(1));
        }
        columns.Should().BeEquivalentTo(model);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM wf_schema_history WHERE module = 'audit' AND version = 1")).Should().Be(1L);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
