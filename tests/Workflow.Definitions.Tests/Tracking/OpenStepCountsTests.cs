using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>
/// The supervisor's per-department counters of open and waiting steps (<c>permit_open_steps</c>, docs/supervision.md
/// "Counting at scale") agree with a brute-force count of the step rows after random step transitions run concurrently
/// on several cases, and after the migration's back-fill of a database that had none.
/// </summary>
public sealed class OpenStepCountsTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Counters_agree_with_the_step_rows_after_random_concurrent_transitions(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var cases = new List<string>();
        for (var i = 0; i < 6; i++)
            cases.Add((await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.EngineeringConstructionPermit, OpenSteps.FiveOfStageTwo)).CaseId)).CaseId);
        host.SetClock("2025-03-04T10:00:00+08:00");
        (await CountersAsync(host)).Should().Equal(await BruteForceAsync(host)).And.NotBeEmpty();

        // Each case walks its own random path (fixed seeds); the cases run at once, so their saves (and their counter
        // upserts, often on the same department's rows) interleave: group commits on SQLite, parallel transactions on PostgreSQL.
        var transitions = await Task.WhenAll(cases.Select((caseId, i) => Task.Run(() => WalkAsync(host, caseId, new Random(1_000 + i), 12))));
        transitions.Sum().Should().BeGreaterThan(30, "the walks made transitions of every kind");

        var brute = await BruteForceAsync(host);
        (await CountersAsync(host)).Should().Equal(brute);
        brute.Keys.Should().Contain(k => k.State == StepState.WaitingForSupplement);
        var overview = await host.Services.GetRequiredService<InboxQueries>().OverviewAsync();
        overview.TotalCount.Should().Be((int)brute.Values.Sum());

        // A database from before the counters: the migration step's back-fill gives the same.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE permit_open_steps");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_cases DROP COLUMN deemed_accepted"); // step 7, after the counters
            await db.Database.ExecuteSqlRawAsync("DELETE FROM wf_schema_history WHERE module = 'permits' AND version >= 6");
        }
        await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        (await CountersAsync(host)).Should().Equal(brute);
    }

    /// <summary>Up to <paramref name="actions"/> random actions on the case's open steps: approve, ask for a supplement, supply it; answers how many took effect.</summary>
    private static async Task<int> WalkAsync(PermitTestHost host, string caseId, Random random, int actions)
    {
        var done = 0;
        for (var n = 0; n < actions; n++)
        {
            var file = await host.CaseAsync(caseId);
            var open = file.Steps.Where(s => s.IsOpen && s.Kind == StepKind.Review && s.MatterCode is not null).ToList();
            if (open.Count == 0) break;
            var step = open[random.Next(open.Count)];
            var material = host.Catalogue.FindMatter(step.MatterCode!)!.Materials[0].Code;
            try
            {
                if (step.State == StepState.WaitingForSupplement)
                    await host.Materials.SupplyAsync(caseId, [material], "agent1");
                else if (random.Next(3) == 0)
                    await host.ActAsync(step.Id, "Approved", "reviewer-" + step.Department);
                else
                    await host.ActAsync(step.Id, "SupplementRequested", "reviewer-" + step.Department, "请补充", missing: [new MaterialDefect(material, "请补充")]);
                done++;
            }
            catch (Exception refused) when (refused is PermitRuleViolation or StepConflictException)
            {
                // A rule or the step's state refused the action (nothing saved): the counters must still agree.
            }
        }
        return done;
    }

    private static async Task<Dictionary<(string Department, StepState State), long>> CountersAsync(PermitTestHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<OpenStepCountRow>().AsNoTracking().ToListAsync();
        return rows.GroupBy(r => (r.Department, r.State)).Where(g => g.Sum(r => r.Steps) != 0).ToDictionary(g => g.Key, g => g.Sum(r => r.Steps));
    }

    private static async Task<Dictionary<(string Department, StepState State), long>> BruteForceAsync(PermitTestHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<StepRow>().AsNoTracking().Select(s => new { s.Department, s.State }).ToListAsync();
        return rows.Where(r => r.State is StepState.Open or StepState.WaitingForSupplement)
            .GroupBy(r => (r.Department, r.State)).ToDictionary(g => g.Key, g => (long)g.Count());
    }
}
