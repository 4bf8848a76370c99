using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.Database;

/// <summary>
/// Which database the Host keeps its data in (docs/persistence.md): <c>Database:Provider</c> = <c>Sqlite</c> (the
/// default; one file, one process) or <c>PostgreSql</c> (several hosts on one server), and
/// <c>ConnectionStrings:Workflow</c> (SQLite default: <c>./data/workflow.db</c>; PostgreSQL: required).
/// </summary>
public sealed record HostDatabase(WorkflowDatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The configuration key naming the provider.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionSetting = "ConnectionStrings:Workflow";

    /// <summary>
    /// Reads and checks the two settings, so that a wrong one stops the start with one line naming it (before any
    /// database is touched) instead of a driver's message from deep inside the first query.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing, unknown or malformed; the message names it.</exception>
    public static HostDatabase FromConfiguration(IConfiguration configuration)
    {
        var provider = ReadProvider(configuration[ProviderSetting]);
        var connection = configuration.GetConnectionString("Workflow");
        return provider switch
        {
            WorkflowDatabaseProvider.PostgreSql => new(provider, CheckPostgreSql(connection)),
            _ => new(provider, CheckSqlite(connection)),
        };
    }

    /// <summary>Registers the engine's stores on this database.</summary>
    public IServiceCollection AddTo(IServiceCollection services) => Provider switch
    {
        WorkflowDatabaseProvider.PostgreSql => services.AddWorkflowPostgreSql(ConnectionString),
        _ => services.AddWorkflowSqlite(ConnectionString),
    };

    /// <summary>
    /// Holds a database-wide lock named by <paramref name="key"/> until disposed, so that work done once per database
    /// (seeding the demo projects) is done once even when several hosts start together. PostgreSQL: a session
    /// advisory lock on a connection of its own. SQLite has one host per file, so nothing is taken.
    /// </summary>
    public async Task<IAsyncDisposable> LockAsync(long key, CancellationToken cancellationToken = default)
    {
        if (Provider != WorkflowDatabaseProvider.PostgreSql) return NoLock.Instance;
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // No command timeout: the lock is held by a host doing the work (seeding took over 30 s, the default, on a
        // busy machine and the waiting hosts died of it); the cancellation token bounds the wait.
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({key});", connection) { CommandTimeout = 0 })
            await command.ExecuteNonQueryAsync(cancellationToken);
        return connection; // closing the session releases its advisory locks
    }

    private static WorkflowDatabaseProvider ReadProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return WorkflowDatabaseProvider.Sqlite;
        // Names only: Enum.TryParse would also take "1" or "Sqlite,PostgreSql".
        foreach (var name in Enum.GetNames<WorkflowDatabaseProvider>())
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
                return Enum.Parse<WorkflowDatabaseProvider>(name);
        throw Invalid($"{ProviderSetting} is '{value}'; it must be Sqlite or PostgreSql.");
    }

    private static string CheckPostgreSql(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
            throw Invalid($"{ConnectionSetting} is required when {ProviderSetting} is PostgreSql, e.g. 'Host=127.0.0.1;Database=workflow;Username=workflow;Password=...'.");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connection);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw Invalid($"{ConnectionSetting} names no Host; a PostgreSQL connection string looks like 'Host=127.0.0.1;Database=workflow;Username=workflow;Password=...'.");
            return builder.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw Invalid($"{ConnectionSetting} is not a PostgreSQL connection string ({ProviderSetting} is PostgreSql): {e.Message}");
        }
    }

    private static string CheckSqlite(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
            return $"Data Source={Path.Combine(Directory.GetCurrentDirectory(), "data", "workflow.db")}";
        try
        {
            var builder = new SqliteConnectionStringBuilder(connection);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
                throw Invalid($"{ConnectionSetting} names no file; a SQLite connection string looks like 'Data Source=data/workflow.db'.");
            return builder.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw Invalid($"{ConnectionSetting} is not a SQLite connection string ({ProviderSetting} is Sqlite; set it to PostgreSql for a PostgreSQL server): {e.Message}");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new(ProviderSetting, typeof(HostDatabase), [message]);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
