using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Host.Tests.Api.Contract;
using Workflow.Testing;

namespace Workflow.Host.Tests;

/// <summary>
/// The real app in memory (TestServer), Development environment, with a <see cref="FakeClock"/> standing at
/// <see cref="Start"/> so that token expiry is decided by the test, and extra settings per test class. Its database is
/// a SQLite file of its own, or a PostgreSQL database of its own when <c>WORKFLOW_TEST_DATABASE=postgresql</c>
/// (<c>.ci/run</c> runs the Host tests both ways) or when a subclass says so.
/// </summary>
public class HostFactory : WebApplicationFactory<Program>
{
    /// <summary>The environment variable that moves every host of a test run to PostgreSQL.</summary>
    public const string DatabaseVariable = "WORKFLOW_TEST_DATABASE";

    /// <summary>True when this test run keeps its hosts on PostgreSQL.</summary>
    public static bool RunOnPostgreSql =>
        string.Equals(System.Environment.GetEnvironmentVariable(DatabaseVariable), "postgresql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the fake clock starts: Friday 2025-09-26 10:00 in Shanghai.</summary>
    public static readonly Instant Start = Instant.FromUtc(2025, 9, 26, 2, 0);

    public FakeClock Clock { get; } = new(Start);

    /// <summary>Configuration keys and values the app starts with.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The hosting environment.</summary>
    protected virtual string Environment => "Development";

    /// <summary>This factory's own SQLite file and calendars folder, deleted on dispose.</summary>
    public string DataFolder { get; } = Directory.CreateTempSubdirectory("workflow-host-factory-").FullName;

    /// <summary>True to keep this host's data in PostgreSQL (a database of its own on <see cref="LocalPostgreSql"/>).</summary>
    public virtual bool OnPostgreSql => RunOnPostgreSql;

    private string? _connectionString;

    /// <summary>This host's database: its SQLite file, or its PostgreSQL database (created on first use).</summary>
    public string ConnectionString => _connectionString ??= OnPostgreSql
        // A small pool: many hosts of one test run share the private server's 200 connections.
        ? LocalPostgreSql.CreateDatabase("wf_host_") + ";Maximum Pool Size=30;Connection Idle Lifetime=15"
        : $"Data Source={Path.Combine(DataFolder, "workflow.db")}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", OnPostgreSql ? "PostgreSql" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Workflow", ConnectionString);
        builder.UseSetting("Calendars:Folder", Path.Combine(DataFolder, "calendars"));
        builder.UseSetting("Files:Folder", Path.Combine(DataFolder, "files"));
        // Demo users yes, demo projects only where a test asks (seeding costs a second); timers fire when a test says.
        builder.UseSetting("Demo:Projects", "0");
        builder.UseSetting("Timers:IntervalSeconds", "0");
        // Tests sign in at machine speed from one address; SignInRateLimitTests turns the request limit on.
        builder.UseSetting("SignInThrottle:RequestsPerMinute", "0");
        builder.UseSetting("Appointments:RateLimit:PerClientPerMinute", "0"); // BookingApiTests turns it on
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            ConfigureServices(services);
        });
    }

    /// <summary>Services a test host replaces (registered after the app's own, so they win).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (OnPostgreSql && _connectionString is not null)
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(_connectionString));
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// A client without credentials that does not follow redirects. Every answer it gets on a route of the OpenAPI
    /// document is checked against the document (<see cref="ContractCheckingHandler"/>).
    /// </summary>
    public HttpClient Anonymous() => CreateDefaultClient(new CookieContainerHandler(), new ContractCheckingHandler(() => Contract));

    private OpenApiContract? _contract;

    /// <summary>This app's OpenAPI document as a checker (read once, from the app itself).</summary>
    public OpenApiContract Contract => _contract ??= new OpenApiContract(Server.CreateClient().GetStringAsync("/openapi/v1.json").GetAwaiter().GetResult());

    /// <summary>A client sending a bearer token for <paramref name="userName"/> (password <c>demo</c>).</summary>
    public async Task<HttpClient> AsUserAsync(string userName)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userName));
        return client;
    }

    /// <summary>A token from <c>POST /api/auth/token</c>; fails the test when sign-in fails.</summary>
    public async Task<string> TokenAsync(string userName, string password = "demo")
    {
        using var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = userName, password });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, $"{userName} signs in");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }
}
