using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Load.Measure;
using Workflow.Testing;

namespace Workflow.Load.Product;

/// <summary>
/// Issue #16 (b) over HTTP: the real Host (Program, Development settings, demo users) on a fresh SQLite file, served
/// by <see cref="WebApplicationFactory{TEntryPoint}"/>'s in-memory TestServer (the whole ASP.NET Core pipeline —
/// routing, authentication, JSON, problem details — but no sockets). C clients each register a project, apply for
/// stage 3 and act on every step as the front desk and the reviewers would (as admin); a step is one
/// <c>POST /api/steps/{id}/actions</c>, and the two case reads that find the open steps are timed with the actions.
/// </summary>
public sealed class HttpPermits : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflow-load-host-").FullName;
    private readonly bool _recordCommands;

    /// <summary>
    /// A Host whose content root is src/Workflow.Host of this repository (the factory's own guess is the solution
    /// folder's Workflow.Host), its clock reading <paramref name="now"/> (ISO 8601 with offset); with
    /// <paramref name="recordCommands"/>, every SQL command is kept in <see cref="Commands"/> (for query plans; they pile up).
    /// </summary>
    public HttpPermits(string now = "2025-03-03T09:30:00+08:00", bool recordCommands = false)
    {
        Clock = FakeClock.At(now);
        _recordCommands = recordCommands;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKFLOW_HOST", Path.Combine(Repository.Root, "src", "Workflow.Host"));
    }

    /// <summary>The fake clock the Host reads.</summary>
    public FakeClock Clock { get; }

    /// <summary>The SQL commands the Host sends (to read a query's plan).</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>The Host's database file.</summary>
    public string DatabasePath => Path.Combine(_folder, "workflow.db");

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={DatabasePath}");
        builder.UseSetting("Calendars:Folder", Path.Combine(_folder, "calendars"));
        builder.UseSetting("Files:Folder", Path.Combine(_folder, "files"));
        builder.UseSetting("Demo:Projects", "0");
        builder.UseSetting("Timers:IntervalSeconds", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            if (_recordCommands) services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Commands);
        });
    }

    /// <summary>A client with a bearer token of <paramref name="user"/> (demo password).</summary>
    public async Task<HttpClient> ClientAsync(string user)
    {
        var client = CreateClient();
        var answer = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "demo" });
        answer.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A client signed in as <paramref name="user"/> through the sign-in page (the cookie pages read), antiforgery token included.</summary>
    public async Task<HttpClient> PageClientAsync(string user)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)");
        var answer = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user, ["password"] = "demo", ["__RequestVerificationToken"] = token.Groups[1].Value,
        }));
        if (answer.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"signing in as {user} answered {(int)answer.StatusCode}");
        return client;
    }

    /// <summary>One measurement with <paramref name="clients"/> clients.</summary>
    public async Task<RunFigures> RunAsync(int clients, TimeSpan duration)
    {
        var admin = await ClientAsync("admin");
        var materials = MatterCatalogue.Sample.MattersOf(Stage.ConstructionPermit).SelectMany(m => m.Materials.Select(x => x.Code)).Distinct().ToArray();
        var latencies = new Latencies();
        var completions = 0;
        var untimed = 0L;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < duration)
            {
                var setup = System.Diagnostics.Stopwatch.GetTimestamp();
                var project = await PostAsync(admin, "/api/projects", new
                {
                    code = "2025-" + Guid.NewGuid().ToString("N")[..10], name = "示例项目", enterprise = "示例建设有限公司", kind = "EnterpriseInvested",
                    greenChannel = false, priorApprovals = PermitHost.PriorApprovals,
                });
                var @case = await PostAsync(admin, $"/api/projects/{project.GetProperty("id").GetString()}/applications",
                    new { stage = nameof(Stage.ConstructionPermit), matters = (string[]?)null, materials });
                var caseId = @case.GetProperty("id").GetString()!;
                Interlocked.Add(ref untimed, System.Diagnostics.Stopwatch.GetTimestamp() - setup);
                for (;;)
                {
                    var open = (await GetAsync(admin, $"/api/cases/{caseId}")).GetProperty("openSteps").EnumerateArray()
                        .Select(s => (Id: s.GetProperty("id").GetString()!, Kind: s.GetProperty("kind").GetString())).ToList();
                    if (open.Count == 0) break;
                    foreach (var step in open)
                    {
                        var one = System.Diagnostics.Stopwatch.GetTimestamp();
                        await PostAsync(admin, $"/api/steps/{step.Id}/actions", new { outcome = step.Kind == "Intake" ? "Accepted" : "Approved" });
                        latencies.AddSince(one);
                    }
                }
                Interlocked.Increment(ref completions);
            }
        })));
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds - (double)untimed / System.Diagnostics.Stopwatch.Frequency / clients;
        return new RunFigures($"permits over HTTP C={clients}", completions, latencies.Count, seconds, latencies.Percentile(0.5), latencies.Percentile(0.99));
    }

    /// <summary>
    /// What one action over HTTP costs the process (<see cref="ActionCost"/>): one client, stage-3 cases acted through to
    /// the end, only the <c>POST</c>s measured — client and server are this process, so the figure holds both sides, the
    /// server's pipeline, routing, authentication, JSON and the action itself. Compare with the same figure in process.
    /// </summary>
    public async Task<ActionCost> ProfileAsync(int minActions)
    {
        var admin = await ClientAsync("admin");
        var materials = MatterCatalogue.Sample.MattersOf(Stage.ConstructionPermit).SelectMany(m => m.Materials.Select(x => x.Code)).Distinct().ToArray();
        var cost = new ActionCost();
        for (var actions = 0; actions < minActions;)
        {
            var project = await PostAsync(admin, "/api/projects", new
            {
                code = "2025-" + Guid.NewGuid().ToString("N")[..10], name = "示例项目", enterprise = "示例建设有限公司", kind = "EnterpriseInvested",
                greenChannel = false, priorApprovals = PermitHost.PriorApprovals,
            });
            var caseId = (await PostAsync(admin, $"/api/projects/{project.GetProperty("id").GetString()}/applications",
                new { stage = nameof(Stage.ConstructionPermit), matters = (string[]?)null, materials })).GetProperty("id").GetString()!;
            for (;;)
            {
                var open = (await GetAsync(admin, $"/api/cases/{caseId}")).GetProperty("openSteps").EnumerateArray()
                    .Select(s => (Id: s.GetProperty("id").GetString()!, Kind: s.GetProperty("kind").GetString())).ToList();
                if (open.Count == 0) break;
                foreach (var step in open)
                {
                    using (cost.Measure())
                        await PostAsync(admin, $"/api/steps/{step.Id}/actions", new { outcome = step.Kind == "Intake" ? "Accepted" : "Approved" });
                    actions++;
                }
            }
        }
        return cost;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body) =>
        await ReadAsync(await client.PostAsJsonAsync(path, body), path);

    private static async Task<JsonElement> GetAsync(HttpClient client, string path) => await ReadAsync(await client.GetAsync(path), path);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage answer, string path)
    {
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)answer.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
