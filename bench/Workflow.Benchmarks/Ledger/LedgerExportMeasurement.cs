using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Ledger;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Benchmarks.Ledger;

/// <summary>
/// The ledger export end to end on a SQLite file: N cases and N steps read by <see cref="LedgerQueries"/> and written by
/// <see cref="LedgerWorkbook"/> to a file, timing it and sampling the managed heap every 5 ms (docs/benchmarks.md, "Ledger").
/// Run: <c>dotnet run -c Release --project bench/Workflow.Benchmarks -- ledger 10000 100000</c>. Not a BenchmarkDotNet
/// benchmark: what matters is the peak memory of one long export, which BenchmarkDotNet does not report.
/// </summary>
public static class LedgerExportMeasurement
{
    public static async Task RunAsync(IEnumerable<int> sizes)
    {
        Console.WriteLine("| rows per sheet | seed (s) | export (s) | file (MB) | peak managed heap during export (MB) | heap before (MB) | allocated (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes) await MeasureAsync(size);
    }

    private static async Task MeasureAsync(int rows)
    {
        var folder = Directory.CreateTempSubdirectory("wf-ledger-bench-").FullName;
        try
        {
            var clock = new FixedClock(Instant.FromUtc(2025, 12, 31, 8, 0));
            await using var services = new ServiceCollection().AddSingleton<IClock>(clock)
                .AddWorkflowSqlite($"Data Source={Path.Combine(folder, "ledger.db")}").AddPermits().BuildServiceProvider();
            await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
            var seed = Stopwatch.StartNew();
            await SeedAsync(services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), rows);
            seed.Stop();

            var ledger = services.GetRequiredService<LedgerQueries>();
            var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    try { await Task.Delay(5, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            var path = Path.Combine(folder, "ledger.xlsx");
            var export = Stopwatch.StartNew();
            await using (var file = File.Create(path))
                await LedgerWorkbook.WriteAsync(file, ledger.CasesAsync(new LedgerFilter(), clock.GetCurrentInstant()), ledger.StepsAsync(new LedgerFilter(), clock.GetCurrentInstant()), zone);
            export.Stop();
            await sampling.CancelAsync();
            await sampler;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Console.WriteLine($"| {rows:N0} | {seed.Elapsed.TotalSeconds:0.0} | {export.Elapsed.TotalSeconds:0.00} | {new FileInfo(path).Length / 1e6:0.0} | {peak / 1e6:0.0} | {before / 1e6:0.0} | {allocated / 1e6:0} |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Cases accepted over a year, each with one review step; every third closed, some with a suspension.
    private static async Task SeedAsync(IDbContextFactory<WorkflowDbContext> contexts, int rows)
    {
        var start = Instant.FromUtc(2025, 1, 2, 1, 0);
        const int batch = 5000;
        for (var first = 0; first < rows; first += batch)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = first; i < Math.Min(rows, first + batch); i++)
            {
                var filed = start + Duration.FromMinutes(i * 3L);
                var closed = i % 3 == 0 ? filed + Duration.FromDays(9) : (Instant?)null;
                var suspensions = i % 7 == 0 ? $"{InstantToUnixNanosecondsConverter.ToUnixNanoseconds(filed + Duration.FromDays(2))}:{InstantToUnixNanosecondsConverter.ToUnixNanoseconds(filed + Duration.FromDays(4))}" : "";
                var id = $"C{i:D11}";
                db.Add(new CaseRow
                {
                    Id = id, InstanceId = id, ProjectId = "P1", Stage = Stage.ConstructionPermit, Matters = "ZJJ-003,RF-002", State = closed is null ? CaseState.InReview : CaseState.Issued,
                    Agent = "agent1", SubmittedAt = filed, AcceptedAt = filed, StatutoryDue = filed + Duration.FromDays(28), PromisedDue = filed + Duration.FromDays(14),
                    Decision = closed is null ? null : "Approved", CertificateNumber = closed is null ? null : $"JZ{i:D8}", UpdatedAt = filed, ProjectName = "示例项目 " + i,
                    CalendarId = "cn-mainland", StatutoryLimit = 20, PromisedLimit = 10, Suspensions = suspensions, ClosedAt = closed, RepeatedReturns = i % 11 == 0 ? 1 : 0,
                });
                db.Add(new StepRow
                {
                    Id = id + "-02", CaseId = id, InstanceId = id, ProjectId = "P1", ActivityId = "review-zjj", Kind = StepKind.Review, Department = "zjj", Title = "施工许可审查 · 住房城乡建设",
                    State = closed is null ? StepState.Open : StepState.Completed, CreatedAt = filed, StatutoryDue = filed + Duration.FromDays(28), PromisedDue = filed + Duration.FromDays(14),
                    CompletedAt = closed, Outcome = closed is null ? null : "Approved", Actor = closed is null ? null : "reviewer-zjj", StatutoryLimit = 20, PromisedLimit = 10, Suspensions = suspensions,
                });
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
    }

    private sealed class FixedClock(Instant at) : IClock
    {
        public Instant GetCurrentInstant() => at;
    }
}
