using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Load.Measure;
using Workflow.Load.Product;
using Workflow.Testing;

namespace Workflow.Load.Queries;

/// <summary>
/// Issue #16 item 5: the reviewer inbox and the supervisor's overview at 100 and at <c>--open-steps</c> open steps
/// (default 100,000) on SQLite, through the real Host over HTTP — <c>GET /api/inbox</c> page 1 (50 items) as the
/// department's reviewer, and the <c>/supervision</c> page as the supervisor — and in process
/// (<see cref="InboxQueries.PageAsync(string?, int, int, CancellationToken)"/>, <see cref="InboxQueries.OverviewAsync(StepListFilter, int, int, CancellationToken)"/>
/// with the page's 50 of the attention list), with SQLite's plans of the inbox page, the attention page and the counts.
/// Rows are written straight into the projection tables, with due and level instants from the same clocks the
/// projection uses: steps opened over the last three weeks with promised limits of 5–20 working days, one in twenty
/// waiting for a supplement, so that about a third are in warning or overdue.
/// </summary>
public static class OpenStepQueries
{
    private const string NowText = "2025-03-10T10:00:00+08:00"; // Monday 10:00 in Shanghai
    private static readonly Instant Now = Instant.FromUtc(2025, 3, 10, 2, 0);

    /// <summary>Runs the section and adds its figures to <paramref name="summary"/>.</summary>
    public static async Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary)
    {
        // One Host for both sizes (its start-up is most of --quick's cost here): the second size adds steps to the first's.
        using var http = new HttpPermits(NowText, recordCommands: true);
        var seeded = 0;
        foreach (var size in new[] { 100, options.OpenSteps }.Distinct().Order())
        {
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            var department = await SeedAsync(http.Services, seeded, size);
            seeded = size;
            Progress.Say($"queries: {size:N0} open steps seeded in {seeding.Elapsed.TotalSeconds:F1} s; the inbox of '{department}'");
            var queries = http.Services.GetRequiredService<InboxQueries>();
            var reviewer = await http.ClientAsync("reviewer-" + department);
            var supervisor = await http.PageClientAsync("supervisor");
            var (inbox, overview, httpInbox, httpSupervision) = (new Latencies(), new Latencies(), new Latencies(), new Latencies());
            SupervisionOverview? last = null;
            var htmlBytes = 0;
            for (var i = -2; i < (options.Quick ? 20 : 100); i++) // two warm-up rounds
            {
                var one = System.Diagnostics.Stopwatch.GetTimestamp();
                await queries.PageAsync(department, 1, 50);
                if (i >= 0) inbox.AddSince(one);
                one = System.Diagnostics.Stopwatch.GetTimestamp();
                (await reviewer.GetAsync("/api/inbox?page=1&pageSize=50")).EnsureSuccessStatusCode();
                if (i >= 0) httpInbox.AddSince(one);
                one = System.Diagnostics.Stopwatch.GetTimestamp();
                last = await queries.OverviewAsync(1, Workflow.Host.Pages.Supervision.IndexModel.AttentionPageSize);
                if (i >= 0) overview.AddSince(one);
                one = System.Diagnostics.Stopwatch.GetTimestamp();
                var page = await supervisor.GetAsync("/supervision");
                page.EnsureSuccessStatusCode();
                htmlBytes = (await page.Content.ReadAsByteArrayAsync()).Length;
                if (i >= 0) httpSupervision.AddSince(one);
            }
            Progress.Say($"queries at {size:N0} open steps ({last!.AttentionCount:N0} in warning or overdue): "
                + $"GET /api/inbox p50 {httpInbox.Percentile(0.5):F2} ms p99 {httpInbox.Percentile(0.99):F2} ms; "
                + $"GET /supervision p50 {httpSupervision.Percentile(0.5):F2} ms p99 {httpSupervision.Percentile(0.99):F2} ms ({htmlBytes / 1024.0:F0} KB of HTML); "
                + $"in process: inbox page p50 {inbox.Percentile(0.5):F2} p99 {inbox.Percentile(0.99):F2} ms, overview p50 {overview.Percentile(0.5):F2} p99 {overview.Percentile(0.99):F2} ms");
            foreach (var (name, plan) in await PlansAsync(http, queries, department))
                Progress.Say($"  plan of {name}: {plan}");
            var key = size == options.OpenSteps ? "" : $"At{size}";
            summary[$"inboxP99Ms{key}"] = inbox.Percentile(0.99);
            summary[$"supervisionP99Ms{key}"] = overview.Percentile(0.99);
            summary[$"httpInboxP99Ms{key}"] = httpInbox.Percentile(0.99);
            summary[$"httpSupervisionP99Ms{key}"] = httpSupervision.Percentile(0.99);
        }
    }

    /// <summary>SQLite's plans (EXPLAIN QUERY PLAN of the SQL EF sent, with its parameters) of the inbox page, the attention page and the counts.</summary>
    private static async Task<List<(string Name, string Plan)>> PlansAsync(HttpPermits http, InboxQueries queries, string department)
    {
        http.Commands.Reset();
        await queries.PageAsync(department, 1, 50);
        var inbox = http.Commands.Sent.Last(c => c.Text.Contains("LIMIT", StringComparison.Ordinal));
        http.Commands.Reset();
        await queries.OverviewAsync(1, 50);
        var sent = http.Commands.Sent;
        List<(string, SentCommand?)> commands =
            [("the inbox page", inbox), ("the attention page", sent.LastOrDefault(c => c.Text.Contains("LIMIT", StringComparison.Ordinal))),
             ("the late counts", sent.LastOrDefault(c => c.Text.Contains("GROUP BY", StringComparison.Ordinal) && c.Text.Contains("permit_steps", StringComparison.Ordinal)))];
        var plans = new List<(string, string)>();
        await using var connection = new SqliteConnection($"Data Source={http.DatabasePath}");
        await connection.OpenAsync();
        foreach (var (name, command) in commands)
        {
            if (command is null) continue;
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
            foreach (var (parameter, value) in command.Parameters) explain.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
            plans.Add((name, string.Join(" | ", lines)));
        }
        return plans;
    }

    /// <summary>Writes the open steps numbered <paramref name="from"/> up to <paramref name="count"/> (ten per case) over the departments; answers the busiest department.</summary>
    private static async Task<string> SeedAsync(IServiceProvider services, int from, int count)
    {
        var catalogue = services.GetRequiredService<MatterCatalogue>();
        var calendar = services.GetRequiredService<CalendarRegistry>().Get(catalogue.CalendarId);
        var departments = catalogue.Departments.Select(d => d.Code).ToList();
        var random = new Random(16 + from);
        int[] promisedLimits = [5, 10, 15, 20];
        var contexts = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        for (var start = from; start < count; start += 5_000)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + 5_000); i += 10)
            {
                var caseId = $"C{i:D8}";
                var submitted = Now - Duration.FromMinutes(random.Next(0, 21 * 24 * 60));
                db.Add(new CaseRow
                {
                    Id = caseId, InstanceId = caseId, ProjectId = "P1", ProjectName = "示例项目", CalendarId = catalogue.CalendarId, Matters = "ZJJ-002",
                    State = CaseState.InReview, Agent = "agent1", SubmittedAt = submitted, AcceptedAt = submitted, UpdatedAt = submitted,
                });
                for (var j = i; j < Math.Min(count, i + 10); j++)
                {
                    var created = submitted + Duration.FromMinutes(random.Next(0, 60));
                    var promised = promisedLimits[random.Next(promisedLimits.Length)];
                    var green = random.Next(10) == 0;
                    var state = random.Next(20) == 0 ? StepState.WaitingForSupplement : StepState.Open;
                    var clocks = CaseClocks.Of(calendar, created, 20, promised, []);
                    var step = new StepRow
                    {
                        Id = $"S{j:D8}", CaseId = caseId, InstanceId = caseId, ProjectId = "P1", ActivityId = "review", Kind = StepKind.Review,
                        Department = departments[j % departments.Count], Title = "审查", GreenChannel = green, State = state, CreatedAt = created,
                        StatutoryLimit = 20, PromisedLimit = promised, Version = 1, StatutoryDue = clocks?.Statutory.Due, PromisedDue = clocks?.Promised?.Due,
                    };
                    step.SetLevels(state == StepState.Open ? LevelInstants.Of(clocks) : LevelInstants.None); // as PermitProjection writes them
                    db.Add(step);
                }
            }
            await db.SaveChangesAsync();
        }
        // The rows bypassed the projection: the supervisor's open-step counters are rebuilt as the migration builds them.
        await using (var db = await contexts.CreateDbContextAsync()) await OpenStepCounts.RecountAsync(db);
        return departments[0];
    }
}
