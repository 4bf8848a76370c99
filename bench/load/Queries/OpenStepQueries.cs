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

namespace Workflow.Load.Queries;

/// <summary>
/// Issue #16 item 5: the reviewer inbox (<see cref="InboxQueries.PageAsync(string?, int, int, CancellationToken)"/>, page 1
/// of 50) and the supervisor's overview (<see cref="InboxQueries.OverviewAsync"/>, counts and the first 100 of the
/// attention list) at 1,000 and at <c>--open-steps</c> open steps (default 100,000), in process on SQLite, with the
/// query plan of the inbox page. Rows are written straight into the projection tables (as the tests seed them), with
/// due instants from the same clocks the projection uses; steps opened over the last three weeks with promised limits
/// of 5–20 working days, so that some are in warning or overdue.
/// </summary>
public static class OpenStepQueries
{
    private static readonly Instant Now = Instant.FromUtc(2025, 3, 10, 2, 0); // Monday 10:00 in Shanghai

    /// <summary>Runs the section and adds its figures to <paramref name="summary"/>.</summary>
    public static async Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary)
    {
        foreach (var size in new[] { 1_000, options.OpenSteps }.Distinct())
        {
            await using var host = await PermitHost.StartAsync(folder, "2025-03-10T10:00:00+08:00");
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            var department = await SeedAsync(host, size);
            Progress.Say($"queries: {size:N0} open steps seeded in {seeding.Elapsed.TotalSeconds:F1} s; the inbox of '{department}'");
            var queries = host.Services.GetRequiredService<InboxQueries>();
            var inbox = new Latencies();
            var overview = new Latencies();
            SupervisionOverview? last = null;
            var repeats = options.Quick ? 20 : 100;
            await queries.PageAsync(department, 1, 50); // warm-up
            for (var i = 0; i < repeats; i++)
            {
                var one = System.Diagnostics.Stopwatch.GetTimestamp();
                await queries.PageAsync(department, 1, 50);
                inbox.AddSince(one);
                if (i % 5 != 0) continue;
                one = System.Diagnostics.Stopwatch.GetTimestamp();
                last = await queries.OverviewAsync(1, 100);
                overview.AddSince(one);
            }
            Progress.Say($"queries at {size:N0}: inbox page p50 {inbox.Percentile(0.5):F2} ms p99 {inbox.Percentile(0.99):F2} ms; "
                + $"overview p50 {overview.Percentile(0.5):F2} ms p99 {overview.Percentile(0.99):F2} ms ({last!.TotalCount:N0} open, {last.AttentionCount:N0} in warning or overdue)");
            Progress.Say($"inbox plan: {await InboxPlanAsync(host, queries, department)}");
            var key = size == options.OpenSteps ? "" : $"At{size}";
            summary[$"inboxP99Ms{key}"] = inbox.Percentile(0.99);
            summary[$"supervisionP99Ms{key}"] = overview.Percentile(0.99);
        }
    }

    /// <summary>SQLite's plan of the inbox page's joined read (EXPLAIN QUERY PLAN of the SQL EF sent).</summary>
    private static async Task<string> InboxPlanAsync(PermitHost host, InboxQueries queries, string department)
    {
        host.Commands.Reset();
        await queries.PageAsync(department, 1, 50);
        var sql = host.Commands.Texts.Last(t => t.Contains("LIMIT", StringComparison.Ordinal));
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct())
            command.Parameters.AddWithValue(name, name.Contains("department", StringComparison.OrdinalIgnoreCase) ? department : 50);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join(" | ", lines);
    }

    /// <summary>Writes <paramref name="count"/> open steps (ten per case) over the departments; answers the busiest department.</summary>
    private static async Task<string> SeedAsync(PermitHost host, int count)
    {
        var catalogue = host.Services.GetRequiredService<MatterCatalogue>();
        var calendar = host.Services.GetRequiredService<CalendarRegistry>().Get(catalogue.CalendarId);
        var departments = catalogue.Departments.Select(d => d.Code).ToList();
        var random = new Random(16);
        int[] promisedLimits = [5, 10, 15, 20];
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        for (var start = 0; start < count; start += 5_000)
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
                    db.Add(new StepRow
                    {
                        Id = $"S{j:D8}", CaseId = caseId, InstanceId = caseId, ProjectId = "P1", ActivityId = "review", Kind = StepKind.Review,
                        Department = departments[j % departments.Count], Title = "审查", GreenChannel = green,
                        State = random.Next(20) == 0 ? StepState.WaitingForSupplement : StepState.Open, CreatedAt = created,
                        StatutoryLimit = 20, PromisedLimit = promised, Version = 1,
                        StatutoryDue = new DeadlineClock(calendar, created, 20).Due, PromisedDue = new DeadlineClock(calendar, created, promised).Due,
                    });
                }
            }
            await db.SaveChangesAsync();
        }
        return departments[0];
    }
}
