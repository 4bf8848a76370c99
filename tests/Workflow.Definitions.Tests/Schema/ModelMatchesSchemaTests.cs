using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Schema;

/// <summary>
/// The EF model the modules build (with the context's conventions: snake_case columns, instants as Unix nanoseconds;
/// docs/persistence.md, *Extension point*) names only tables and columns the hand-written migrations created, on both
/// providers — a property whose convention-made name misses its column fails here, not in some query later.
/// </summary>
public class ModelMatchesSchemaTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Every_mapped_column_exists_in_the_migrated_schema(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2026-12-01T09:00:00+08:00");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var missing = new List<string>();
        var tables = 0;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = await ColumnsAsync(db.Database.GetDbConnection(), table.Name, provider);
            columns.Should().NotBeEmpty($"table {table.Name} of {entity.ClrType.Name} exists");
            tables++;
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(table);
                if (column is not null && !columns.Contains(column)) missing.Add($"{table.Name}.{column} ({entity.ClrType.Name}.{property.Name})");
            }
        }
        tables.Should().BeGreaterThan(20, "the engine's and every permit module's tables are in the model");
        missing.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_instant_is_stored_as_unix_nanoseconds_and_columns_are_snake_case()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var properties = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).ToList();
        var instants = properties.Where(p => Nullable.GetUnderlyingType(p.ClrType) is { } t ? t == typeof(NodaTime.Instant) : p.ClrType == typeof(NodaTime.Instant)).ToList();
        instants.Should().Contain(p => p.ClrType == typeof(NodaTime.Instant?), "optional instants are covered too");
        instants.Should().AllSatisfy(p => p.GetValueConverter().Should().BeOfType<InstantToUnixNanosecondsConverter>($"{p.DeclaringType.ClrType.Name}.{p.Name} is an instant"));
        var row = db.Model.FindEntityType(typeof(Workflow.Definitions.Feedback.ComplaintRow))!;
        row.FindProperty(nameof(Workflow.Definitions.Feedback.ComplaintRow.AnsweredAt))!.GetColumnName().Should().Be("answered_at");
        row.FindProperty(nameof(Workflow.Definitions.Feedback.ComplaintRow.CaseId))!.GetColumnName().Should().Be("case_id");
    }

    [Theory]
    [InlineData("CaseId", "case_id")]
    [InlineData("WarningAt", "warning_at")]
    [InlineData("Id", "id")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("Stage2Due", "stage2_due")]
    [InlineData("ReviewerOpinionsJson", "reviewer_opinions_json")]
    public void Names_are_snake_case(string property, string column) =>
        SnakeCaseColumnConvention.SnakeCase(property).Should().Be(column);

    private static async Task<HashSet<string>> ColumnsAsync(DbConnection connection, string table, string provider)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == "postgresql"
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t"
            : "SELECT name FROM pragma_table_info(@t)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@t";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }
}
