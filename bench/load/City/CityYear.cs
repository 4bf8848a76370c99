using Bogus;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Materials;
using Workflow.Definitions.Projects;
using Workflow.Load.Measure;
using Workflow.Load.Product;
using Workflow.Load.Sqlite;

namespace Workflow.Load.City;

/// <summary>
/// Issue #16 (c), in a reduced form (docs/benchmarks.md, "City-year"): N projects (Bogus 35.6.5, seed 2026, zh_CN) arrive
/// evenly over a year on a fake clock; each applies for stage 3 (施工许可) with 8 workers at a time. Most are accepted
/// and approved straight through; one in ten is accepted with a waiver (容缺) and hands the waived material in during
/// review; one in ten gets a supplement request (补正) from a reviewer and answers it. Not yet: the four stages one
/// after another, joint acceptance, PostgreSQL. Reports cases/s, step actions/s, p50/p99, database size and peak memory.
/// </summary>
public static class CityYear
{
    private static readonly Instant YearStart = Instant.FromUtc(2025, 1, 6, 1, 30); // Monday 09:30 in Shanghai

    /// <summary>Runs the section with <see cref="LoadOptions.Projects"/> projects and adds its figures to <paramref name="summary"/>.</summary>
    public static async Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary)
    {
        await using var host = await PermitHost.StartAsync(folder, "2025-01-06T09:30:00+08:00");
        var catalogue = host.Services.GetRequiredService<MatterCatalogue>();
        var matters = catalogue.MattersOf(Stage.ConstructionPermit).ToList();
        var all = matters.SelectMany(m => m.Materials.Select(x => x.Code)).Distinct().ToList();
        var waivable = matters.SelectMany(m => m.Materials).Where(m => m.Kind == MaterialKind.Waivable).Select(m => m.Code).Distinct().ToList();
        var faker = new Faker("zh_CN") { Random = new Randomizer(2026) };
        var plans = Enumerable.Range(0, options.Projects).Select(i => new CasePlan(i,
            faker.Address.City() + faker.Company.CompanyName() + "项目", faker.Company.CompanyName(), faker.Random.Bool(0.1f),
            faker.Random.Double() switch { < 0.1 when waivable.Count > 0 => Path.Waiver, < 0.2 => Path.Supplement, _ => Path.Straight },
            waivable.Count > 0 ? faker.PickRandom(waivable) : null, faker.PickRandom(all))).ToList();
        var spacing = Duration.FromDays(365) / Math.Max(1, options.Projects);

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var latencies = new Latencies();
        var done = 0;
        var failures = new List<string>();
        var next = -1;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < plans.Count; i = Interlocked.Increment(ref next))
            {
                // The year's clock: the latest arrival so far (every case acts at its arrival instant).
                var arrival = YearStart + spacing * i;
                if (host.Clock.GetCurrentInstant() < arrival) host.Clock.Set(arrival);
                try
                {
                    await RunCaseAsync(host, plans[i], all, latencies);
                }
                catch (Exception e) when (e is PermitRuleViolation or StepConflictException or InvalidOperationException)
                {
                    lock (failures) failures.Add($"{plans[i].Path} #{i}: {e.Message}");
                }
                if (Interlocked.Increment(ref done) % Math.Max(1, plans.Count / 10) == 0)
                {
                    self.Refresh();
                    Progress.Say($"city-year: {done:N0}/{plans.Count:N0} projects, {latencies.Count:N0} actions, {self.WorkingSet64 / 1024 / 1024:N0} MB working set");
                }
            }
        })));
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var size = await SqliteFile.CheckpointedSizeAsync(host.DatabasePath);
        self.Refresh();
        Progress.Say($"city-year {options.Projects:N0} projects: {options.Projects / seconds:F1} cases/s, {latencies.Count / seconds:F1} actions/s, p50 {latencies.Percentile(0.5):F1} ms, "
            + $"p99 {latencies.Percentile(0.99):F1} ms, database {size / 1024.0 / 1024:F1} MB ({(double)size / options.Projects / 1024:F1} KB per case), "
            + $"peak working set {self.PeakWorkingSet64 / 1024 / 1024:N0} MB, {failures.Count} cases broke a rule");
        foreach (var failure in failures.Take(5)) Progress.Say("  " + failure);
        summary["cityProjects"] = options.Projects;
        summary["cityCasesPerSecond"] = options.Projects / seconds;
        summary["cityDatabaseBytes"] = size;
        summary["cityPeakWorkingSetBytes"] = self.PeakWorkingSet64;
    }

    private static async Task RunCaseAsync(PermitHost host, CasePlan plan, IReadOnlyList<string> all, Latencies latencies)
    {
        var project = await host.Services.GetRequiredService<ProjectRegistry>().CreateProjectAsync(
            new NewProject($"CY-{plan.Number:D6}", plan.Name, plan.Enterprise, ProjectKind.EnterpriseInvested, plan.GreenChannel, PermitHost.PriorApprovals), "agent1");
        var materials = plan.Path == Path.Waiver ? all.Where(c => c != plan.Waived).ToList() : all;
        var file = await host.Services.GetRequiredService<Workflow.Definitions.Filing.ApplicationDesk>()
            .ApplyAsync(project, new NewApplication(Stage.ConstructionPermit, null, materials));
        var supplementAsked = false;
        var waiverSupplied = false;
        while (file.Steps.FirstOrDefault(s => s.IsOpen && s.State == StepState.Open) is { } step)
        {
            var one = System.Diagnostics.Stopwatch.GetTimestamp();
            if (step.Kind == StepKind.Intake)
            {
                file = await ActAsync(host, step.Id, plan.Path == Path.Waiver ? nameof(IntakeOutcome.AcceptedWithWaiver) : nameof(IntakeOutcome.Accepted), commitmentSigned: plan.Path == Path.Waiver);
            }
            else if (plan.Path == Path.Supplement && !supplementAsked)
            {
                supplementAsked = true;
                await ActAsync(host, step.Id, "SupplementRequested", missing: [new MaterialDefect(plan.Supplemented, "材料不清晰")]);
                file = await host.Services.GetRequiredService<MaterialSupply>().SupplyAsync(file.CaseId, [plan.Supplemented], "agent1");
            }
            else if (plan.Path == Path.Waiver && !waiverSupplied && step.Kind == StepKind.Review)
            {
                waiverSupplied = true;
                await host.Services.GetRequiredService<MaterialSupply>().SupplyAsync(file.CaseId, [plan.Waived!], "agent1");
                file = await ActAsync(host, step.Id, "Approved");
            }
            else
            {
                file = await ActAsync(host, step.Id, "Approved");
            }
            latencies.AddSince(one);
        }
        if (file.State != CaseState.Issued) throw new InvalidOperationException($"case {file.CaseId} ended {file.State}");
    }

    private static async Task<CaseFile> ActAsync(PermitHost host, string stepId, string outcome, IReadOnlyList<MaterialDefect>? missing = null, bool commitmentSigned = false)
    {
        var (file, _, _) = await host.Services.GetRequiredService<Workflow.Definitions.Steps.StepDesk>().ActAsync(stepId,
            new StepAction(StepAction.ActionEvent, outcome, null, [], missing ?? [], "reviewer", commitmentSigned, null), null, null);
        return file;
    }

    private enum Path { Straight, Waiver, Supplement }

    private sealed record CasePlan(int Number, string Name, string Enterprise, bool GreenChannel, Path Path, string? Waived, string Supplemented);
}
