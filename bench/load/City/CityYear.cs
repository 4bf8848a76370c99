using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;
using Workflow.Engine.Scheduling;
using Workflow.Load.Measure;
using Workflow.Load.Product;
using Workflow.Load.Sqlite;

namespace Workflow.Load.City;

/// <summary>
/// Issue #16 (c), the city-year (docs/benchmarks.md, "City-year"): N projects (Bogus, seed 2026, zh_CN) arrive evenly
/// over the working days of 2025 on a fake clock and each goes through the four stages one after another — 立项用地 (with
/// the joint site inspection), 工程建设, 施工许可, 竣工验收 (joint acceptance) — with their parallel reviews; one project
/// in ten is accepted with a waiver (容缺) in each stage that has a waivable material and hands it in during review, one
/// in ten gets a supplement request (补正) from a reviewer in a stage and answers it the next day. Every working day the
/// clock moves to 09:30, the engine's scheduler fires what fell due (joint deadlines, commitments, cards), the day's
/// arrivals join, and every project in flight takes its day's actions (8 at a time). Nothing is kept per project but
/// the few in flight (<see cref="Run"/>): a project's plan is drawn from its own seed when it arrives.
/// Reports completions/s, step actions/s and their p50/p99, the database's size, the bytes written and peak memory.
/// </summary>
public static class CityYear
{
    private static readonly LocalDate FirstDay = new(2025, 1, 2);

    /// <summary>Runs the section with <see cref="LoadOptions.Projects"/> projects and adds its figures to <paramref name="summary"/>.</summary>
    public static async Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary)
    {
        await using var host = await PermitHost.StartAsync(folder, "2025-01-02T09:30:00+08:00", options.PostgreSql, recordCommands: false);
        var catalogue = host.Services.GetRequiredService<MatterCatalogue>();
        var calendar = host.Services.GetRequiredService<CalendarRegistry>().Get(catalogue.CalendarId);
        var scheduler = host.Services.GetRequiredService<WorkflowScheduler>();
        var actions = new CityActions(host, catalogue);
        var provider = options.PostgreSql ? "PostgreSQL" : "SQLite";
        if (host.PostgreSqlConnectionString is { } pg) Progress.Say($"city-year on PostgreSQL: {await PostgreSqlSettingsAsync(pg)}");

        var workingDays = new List<LocalDate>();
        for (var d = FirstDay; d.Year == 2025; d = d.PlusDays(1))
            if (calendar.IsWorkingDay(d)) workingDays.Add(d);
        var total = options.Projects;
        var inFlight = new List<Run>();
        var failures = new ConcurrentQueue<string>();
        var (completed, arrived, day) = (0, 0, 0);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var ioBefore = ProcessIo.Read();
        var walBefore = host.PostgreSqlConnectionString is { } before ? await WalBytesAsync(before) : 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var lastSaid = started;
        var peakManaged = 0L;
        var date = FirstDay;
        for (; arrived < total || inFlight.Count > 0; day++, date = calendar.NextWorkingDay(date))
        {
            if (day > workingDays.Count + 250) break; // a project stuck for a working year: reported below
            host.Clock.Set(date.At(new LocalTime(9, 30)).InZoneLeniently(calendar.Zone).ToInstant());
            while (await scheduler.FireDueAsync() > 0) { }
            // The day's arrivals: project i arrives on working day ⌊i·W/N⌋ of the year.
            var until = day < workingDays.Count ? (int)Math.Min(total, (long)(day + 1) * total / workingDays.Count) : total;
            for (; arrived < until; arrived++) inFlight.Add(new Run(arrived));
            await Parallel.ForEachAsync(inFlight, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (run, _) =>
            {
                try
                {
                    await actions.DayAsync(run);
                }
                catch (Exception e) when (e is Workflow.Definitions.PermitRuleViolation or StepConflictException or InvalidOperationException)
                {
                    run.Failed = $"#{run.Number} {run.Stage}: {e.Message}";
                }
            });
            foreach (var run in inFlight.Where(r => r.Failed is not null)) failures.Enqueue(run.Failed!);
            completed += inFlight.Count(r => r.Done && r.Failed is null);
            inFlight.RemoveAll(r => r.Done || r.Failed is not null);
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            if (System.Diagnostics.Stopwatch.GetElapsedTime(lastSaid).TotalSeconds >= 10 || (arrived == total && inFlight.Count == 0))
            {
                lastSaid = System.Diagnostics.Stopwatch.GetTimestamp();
                self.Refresh();
                Progress.Say($"city-year ({provider}) {date:yyyy-MM-dd}: {arrived:N0}/{total:N0} arrived, {completed:N0} through all four stages, {inFlight.Count:N0} in flight, "
                    + $"{actions.Latencies.Count:N0} actions, {self.WorkingSet64 / 1024 / 1024:N0} MB working set");
            }
        }
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var io = ProcessIo.Read().Since(ioBefore);
        long size, written;
        if (host.PostgreSqlConnectionString is { } connection)
        {
            size = await DatabaseSizeAsync(connection);
            written = await WalBytesAsync(connection) - walBefore;
        }
        else
        {
            size = await SqliteFile.CheckpointedSizeAsync(host.DatabasePath!);
            written = io.BytesHandedToWrite;
        }
        self.Refresh();
        var latencies = actions.Latencies;
        Progress.Say($"city-year {total:N0} projects on {provider}, {day} working days: {completed:N0} through all four stages ({completed / seconds:F2}/s), "
            + $"{latencies.Count / seconds:F1} actions/s, p50 {latencies.Percentile(0.5):F1} ms, p99 {latencies.Percentile(0.99):F1} ms, "
            + $"database {size / 1024.0 / 1024:F1} MB ({(double)size / Math.Max(1, total) / 1024:F1} KB per project), "
            + $"{(options.PostgreSql ? "WAL" : "bytes handed to write()")} {written / 1024.0 / 1024:F1} MB, peak working set {self.PeakWorkingSet64 / 1024 / 1024:N0} MB, "
            + $"peak managed heap {peakManaged / 1024 / 1024:N0} MB, {failures.Count} projects broke a rule, {inFlight.Count} unfinished, {seconds:F0} s");
        foreach (var failure in failures.Take(5)) Progress.Say("  " + failure);
        summary["cityProjects"] = total;
        summary["cityProvider"] = provider;
        summary["cityCompleted"] = completed;
        summary["cityCompletionsPerSecond"] = completed / seconds;
        summary["cityActionsPerSecond"] = latencies.Count / seconds;
        summary["cityP50Ms"] = latencies.Percentile(0.5);
        summary["cityP99Ms"] = latencies.Percentile(0.99);
        summary["cityDatabaseBytes"] = size;
        summary["cityBytesWritten"] = written;
        summary["cityPeakWorkingSetBytes"] = self.PeakWorkingSet64;
        summary["cityPeakManagedBytes"] = peakManaged;
    }

    private static async Task<string> PostgreSqlSettingsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version() || '; fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> DatabaseSizeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> WalBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One project in flight: where it stands in the four stages.</summary>
    internal sealed class Run(int number)
    {
        public int Number { get; } = number;
        public int Stage { get; set; }
        public Workflow.Definitions.Persistence.ProjectRow? Project { get; set; }
        public string? CaseId { get; set; }
        /// <summary>The material a reviewer asked for in this stage, until it is handed in.</summary>
        public string? Requested { get; set; }
        public bool Asked { get; set; }
        public bool WaiverSupplied { get; set; }
        public bool Done { get; set; }
        public string? Failed { get; set; }
    }
}
