using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>Says, as a skipped test, how to run the PostgreSQL cases when the machine has no PostgreSQL.</summary>
public class PostgreSqlPresenceTests
{
    public sealed class PostgreSqlFactAttribute : FactAttribute
    {
        public PostgreSqlFactAttribute() => Skip = OutsidePart.SkipReason(LocalPostgreSql.MayBeAvailable,
            "PostgreSQL cases of the persistence tests are not run: install PostgreSQL (`sudo bash scripts/install-test-deps.sh`) or set WORKFLOW_TEST_POSTGRES to a connection string.");
    }

    [PostgreSqlFact]
    public async Task A_PostgreSQL_server_can_be_had_for_the_persistence_tests()
    {
        await using var database = TestDatabases.Create(TestDatabases.PostgreSql);
        await using var services = await database.OpenAsync();

        database.Provider.Should().Be(Engine.Persistence.EntityFramework.WorkflowDatabaseProvider.PostgreSql);
    }
}
