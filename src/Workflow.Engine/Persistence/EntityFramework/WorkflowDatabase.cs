using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Creates and upgrades the workflow schema from the modules' hand-written, ordered scripts
/// (<see cref="IWorkflowPersistenceModule.Migrations"/>), recording each applied step in <c>wf_schema_history</c>
/// (module, version, name, applied_at). Call <see cref="MigrateAsync"/> once at start-up, before any store is used.
/// </summary>
/// <remarks>
/// Idempotent and safe to run from several processes at once: all pending steps run in one transaction under a
/// database-wide lock (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: a transaction-scoped advisory lock), so a second
/// caller waits and then finds nothing to do. A failing step rolls back every step of that call.
/// On SQLite it also creates the file's folder and switches the file to WAL (a persistent property of the file).
/// </remarks>
public sealed class WorkflowDatabase(
    IDbContextFactory<WorkflowDbContext> contexts,
    WorkflowPersistenceOptions options,
    IEnumerable<IWorkflowPersistenceModule> modules,
    IClock clock)
{
    // Arbitrary constant shared by every process that migrates a workflow database.
    private const long PostgreSqlMigrationLock = 0x57_46_53_43_48_45_4D_41; // "WFSCHEMA"

    private readonly IReadOnlyList<IWorkflowPersistenceModule> _modules = WorkflowModules.Order(modules);

    /// <summary>The provider the stores use.</summary>
    public WorkflowDatabaseProvider Provider => options.Provider;

    /// <summary>Applies every pending schema step; returns the ones applied now (empty when the schema was current).</summary>
    /// <exception cref="InvalidOperationException">
    /// A module's steps are not numbered 1, 2, 3 …; or the database holds a newer schema version of a module than
    /// this build knows (an older build must not write to a newer schema).
    /// </exception>
    public async Task<IReadOnlyList<AppliedSchemaMigration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        foreach (var module in _modules)
        {
            CheckNumbering(module);
        }

        if (options.Provider == WorkflowDatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(options.ConnectionString);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (options.Provider == WorkflowDatabaseProvider.Sqlite)
        {
            // Must run outside a transaction. A file answers "wal"; an in-memory database keeps "memory".
            // The page size of a new file must be set before anything is written to it (switching to WAL writes its
            // header); on an existing file SQLite ignores it (docs/persistence.md, *SQLite specifics*).
            var pageSize = options.SqlitePageSize is { } size ? $"PRAGMA page_size={size}; " : "";
            await ExecuteAsync(connection, null, pageSize + "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var transaction = tx.GetDbTransaction();
        if (options.Provider == WorkflowDatabaseProvider.PostgreSql)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgreSqlMigrationLock});", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, HistoryTable, cancellationToken);
        var appliedVersions = await ReadAppliedVersionsAsync(connection, transaction, cancellationToken);

        var applied = new List<AppliedSchemaMigration>();
        foreach (var module in _modules)
        {
            var current = appliedVersions.GetValueOrDefault(module.Name);
            if (current > module.Migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The workflow database holds schema version {current} of module '{module.Name}', but this build only knows versions up to {module.Migrations.Count}: run a newer build.");
            }

            foreach (var step in module.Migrations.OrderBy(m => m.Version).Where(m => m.Version > current))
            {
                await ExecuteAsync(connection, transaction, step.ScriptFor(options.Provider), cancellationToken);
                await RecordAsync(connection, transaction, module.Name, step, cancellationToken);
                applied.Add(new AppliedSchemaMigration(module.Name, step.Version, step.Name));
            }
        }

        await tx.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>
    /// For readiness checks: whether the database answers, and whether every module's schema is at the version this
    /// build knows. Reads only; never migrates.
    /// </summary>
    public async Task<WorkflowSchemaState> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            Dictionary<string, int> applied;
            try
            {
                applied = await ReadAppliedVersionsAsync(db.Database.GetDbConnection(), null, cancellationToken);
            }
            catch (DbException)
            {
                return WorkflowSchemaState.Behind; // answers, but has no schema history: never migrated
            }

            return _modules.All(m => applied.GetValueOrDefault(m.Name) == m.Migrations.Count) ? WorkflowSchemaState.Current : WorkflowSchemaState.Behind;
        }
        catch (DbException)
        {
            return WorkflowSchemaState.Unreachable;
        }
    }

    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS wf_schema_history (
            module VARCHAR(200) NOT NULL,
            version INTEGER NOT NULL,
            name VARCHAR(500) NOT NULL,
            applied_at BIGINT NOT NULL,
            CONSTRAINT pk_wf_schema_history PRIMARY KEY (module, version)
        );
        """;

    private static void CheckNumbering(IWorkflowPersistenceModule module)
    {
        var versions = module.Migrations.Select(m => m.Version).OrderBy(v => v).ToList();
        if (!versions.SequenceEqual(Enumerable.Range(1, versions.Count)))
        {
            throw new InvalidOperationException(
                $"The schema steps of workflow persistence module '{module.Name}' are numbered {string.Join(", ", versions)}; they must be 1, 2, 3 … without gaps or repeats.");
        }
    }

    private static void CreateSqliteFolder(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static async Task<Dictionary<string, int>> ReadAppliedVersionsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT module, MAX(version) FROM wf_schema_history GROUP BY module;";
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, string module, SchemaMigration step, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO wf_schema_history (module, version, name, applied_at) VALUES (@module, @version, @name, @applied_at);";
        AddParameter(command, "@module", module);
        AddParameter(command, "@version", step.Version);
        AddParameter(command, "@name", step.Name);
        AddParameter(command, "@applied_at", InstantToUnixNanosecondsConverter.ToUnixNanoseconds(clock.GetCurrentInstant()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
