using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Audit;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Host.Web.Database;

namespace Workflow.Host.Cli;

/// <summary>
/// <c>audit verify</c> (docs/cli.md, docs/audit.md): walks the audit hash chain of the server's database and prints the
/// first broken or missing link (exit 1) or how many entries verified (exit 0). The database is chosen exactly as the
/// server chooses it: <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, <c>WORKFLOW_</c>-less environment
/// variables (<c>ConnectionStrings__Workflow</c>, <c>Database__Provider</c>) and <c>--Database:Provider=…</c>,
/// <c>--ConnectionStrings:Workflow=…</c> on the command line. Exit 2 for bad arguments, a bad setting, or a database that
/// cannot be read or has no audit table (it is never created or migrated by this verb).
/// </summary>
public sealed class AuditVerb : ICliVerb
{
    private const string Usage = "usage: audit verify [--Database:Provider=Sqlite|PostgreSql] [--ConnectionStrings:Workflow=\"Data Source=data/workflow.db\"]";

    public string Name => "audit";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args[0] != "verify")
        {
            await stderr.WriteLineAsync($"error: {(args.Count == 0 ? "name a command" : $"unknown audit command '{args[0]}'")}. {Usage}");
            return 2;
        }
        HostDatabase database;
        try
        {
            database = HostDatabase.FromConfiguration(Configuration(args.Skip(1).ToArray()));
        }
        catch (OptionsValidationException e)
        {
            await stderr.WriteLineAsync("error: the configuration is not valid: " + string.Join(" ", e.Failures));
            return 2;
        }
        catch (FormatException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message} {Usage}");
            return 2;
        }

        var services = new ServiceCollection().AddSingleton<IClock>(SystemClock.Instance);
        database.AddTo(services);
        services.AddPermits();
        await using var provider = services.BuildServiceProvider();
        if (await provider.GetRequiredService<WorkflowDatabase>().CheckAsync() is not WorkflowSchemaState.Current and var state)
        {
            await stderr.WriteLineAsync(state == WorkflowSchemaState.Unreachable
                ? $"error: the database cannot be read ({database.Provider}: {Describe(database)})."
                : $"error: the database's schema is not this build's ({Describe(database)}); start the server once to migrate it.");
            return 2;
        }

        var result = await provider.GetRequiredService<AuditTrail>().VerifyAsync();
        if (result.Break is { } broken)
        {
            await stdout.WriteLineAsync($"审计链断裂 / audit chain broken at entry {broken.Sequence} ({broken.Kind}): {broken.Message}; {result.Verified} entries before it verified.");
            return 1;
        }
        await stdout.WriteLineAsync($"审计链完整 / audit chain intact: {result.Verified} entries verified.");
        return 0;
    }

    /// <summary>The server's configuration sources, in the server's order (later wins).</summary>
    private static IConfiguration Configuration(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
    }

    // The file or host, never the password.
    private static string Describe(HostDatabase database) => database.Provider == WorkflowDatabaseProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource
        : new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Host ?? "";
}
