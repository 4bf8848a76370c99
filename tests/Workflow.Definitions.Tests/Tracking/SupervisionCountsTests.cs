using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Tracking;

/// <summary>
/// The supervisor's counts from the stored level instants (docs/supervision.md, "Counting at scale"): exact at the
/// clocks' boundaries, the same after the migration's back-fill, and read from pre-sorted partial indexes.
/// </summary>
public sealed class SupervisionCountsTests
{
    // Accepted Monday 3 March 2025 09:30 (Shanghai); office hours 09:00–12:00 and 13:30–17:30 (7 h); the start day
    // does not count. Promised limits: rf, sw, qx 5 working days; zrzy, yjgl 7 (sample catalogue, not a green channel).
    // - 5 days: warning from 4 used = close of Friday 7 March, 17:30; due Monday 10 March 17:30; with nothing left it is
    //   still a warning overnight; overdue from the first instant of office time after: Tuesday 11 March 09:00 (+1 ns).
    // - 7 days: warning from min(7 − 1, 0.8 × 7) = 5.6 used: five whole days (Tue 4 – Mon 10) and 0.6 × 7 h = 4 h 12 min
    //   of Tuesday 11 March (09:00–12:00, 13:30–14:42) = 14:42 (5.6 is not a double: the level is compared exactly).
    // rf asks for a supplement on Tuesday 4 March: waiting, counted as waiting and never as late.
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Counts_follow_the_clocks_to_the_second_at_their_boundaries(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        await OpenSteps.FiveWithRfWaitingAsync(host);
        var queries = host.Services.GetRequiredService<InboxQueries>();

        async Task<string> LevelsAt(string iso)
        {
            host.SetClock(iso);
            var overview = await queries.OverviewAsync();
            overview.Attention.Should().NotContain(e => e.Clocks == null || e.Clocks.Level == DeadlineLevel.Normal,
                "the attention list holds the steps whose clocks read warning or overdue");
            overview.Attention.Should().HaveCount(overview.AttentionCount);
            foreach (var d in overview.Departments)
                overview.Attention.Count(e => e.Step.Department == d.Department && e.Clocks!.Level == DeadlineLevel.Overdue).Should().Be(d.Overdue);
            return string.Join(" ", overview.Departments.Select(d => $"{d.Department}:{d.Open}/{d.WaitingForSupplement}/{d.Warning}/{d.Overdue}"));
        }

        (await LevelsAt("2025-03-07T17:29:59+08:00")).Should().Be("qx:1/0/0/0 rf:1/1/0/0 sw:1/0/0/0 yjgl:1/0/0/0 zrzy:1/0/0/0");
        (await LevelsAt("2025-03-07T17:30:00+08:00")).Should().Be("qx:1/0/1/0 sw:1/0/1/0 rf:1/1/0/0 yjgl:1/0/0/0 zrzy:1/0/0/0");
        (await LevelsAt("2025-03-11T09:00:00+08:00")).Should().Be("qx:1/0/1/0 sw:1/0/1/0 rf:1/1/0/0 yjgl:1/0/0/0 zrzy:1/0/0/0",
            "due at Monday's close, nothing left, but not past it until office time resumes");
        (await LevelsAt("2025-03-11T09:00:01+08:00")).Should().Be("qx:1/0/0/1 sw:1/0/0/1 rf:1/1/0/0 yjgl:1/0/0/0 zrzy:1/0/0/0");
        (await LevelsAt("2025-03-11T14:41:59+08:00")).Should().Be("qx:1/0/0/1 sw:1/0/0/1 rf:1/1/0/0 yjgl:1/0/0/0 zrzy:1/0/0/0");
        (await LevelsAt("2025-03-11T14:42:00+08:00")).Should().Be("qx:1/0/0/1 sw:1/0/0/1 yjgl:1/0/1/0 zrzy:1/0/1/0 rf:1/1/0/0");

        var overview = await queries.OverviewAsync();
        overview.AttentionCount.Should().Be(4);
        overview.Attention.Select(e => e.Step.Department).Take(2).Should().BeEquivalentTo(["qx", "sw"], "overdue first");
        overview.Attention.Select(e => e.Step.Department).Skip(2).Should().BeEquivalentTo(["yjgl", "zrzy"]);

        // A database from before the level instants: the migration marks the open rows, the back-fill computes them.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            await db.Set<StepRow>().Where(s => s.CompletedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.WarningAt, (NodaTime.Instant?)null).SetProperty(s => s.OverdueAt, (NodaTime.Instant?)null).SetProperty(s => s.LevelsPending, true));
        (await queries.OverviewAsync()).AttentionCount.Should().Be(0, "nothing known before the back-fill");
        (await host.Services.GetRequiredService<StepLevelBackfill>().RunAsync()).Should().Be(5);
        (await LevelsAt("2025-03-11T14:42:00+08:00")).Should().Be("qx:1/0/0/1 sw:1/0/0/1 yjgl:1/0/1/0 zrzy:1/0/1/0 rf:1/1/0/0");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task The_inbox_page_and_the_attention_page_read_a_presorted_index(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-10T10:00:00+08:00");
        await OpenSteps.SeedAsync(host, "zjj", 300, At("2025-03-03T09:30:00+08:00"), promised: 1, StepState.Open);
        await OpenSteps.SeedAsync(host, "zjj", 300, host.Clock.GetCurrentInstant(), promised: 5, StepState.Open);
        await OpenSteps.SeedAsync(host, "fgw", 300, host.Clock.GetCurrentInstant(), promised: 5, StepState.Open);
        var queries = host.Services.GetRequiredService<InboxQueries>();

        host.Commands.Reset();
        await queries.PageAsync("zjj", 1, 50);
        var inbox = host.Commands.Sent.Single(c => c.Text.Contains("LIMIT", StringComparison.Ordinal));
        host.Commands.Reset();
        (await queries.OverviewAsync(1, 50)).AttentionCount.Should().Be(300);
        var attention = host.Commands.Sent.Single(c => c.Text.Contains("LIMIT", StringComparison.Ordinal));
        // The late steps per department (open and waiting are counters: OpenStepCountsTests).
        var counts = host.Commands.Sent.Single(c => c.Text.Contains("GROUP BY", StringComparison.Ordinal) && c.Text.Contains("permit_steps", StringComparison.Ordinal));

        var inboxPlan = await PlanAsync(host, provider, inbox);
        var attentionPlan = await PlanAsync(host, provider, attention);
        var countsPlan = await PlanAsync(host, provider, counts);
        if (provider == "sqlite")
        {
            inboxPlan.Should().Contain("ix_permit_steps_open_by_department").And.NotContain("TEMP B-TREE");
            attentionPlan.Should().Contain("ix_permit_steps_attention", attention.Text).And.NotContain("TEMP B-TREE");
            countsPlan.Should().Contain("COVERING INDEX ix_permit_steps_late").And.NotContain("TEMP B-TREE");
        }
        else
        {
            inboxPlan.Should().Contain("ix_permit_steps_open").And.NotContain("Sort"); // per department, or everyone's filtered: both in order
            attentionPlan.Should().Contain("ix_permit_steps_attention").And.NotContain("Sort");
            countsPlan.Should().Contain("ix_permit_steps_late");
        }
    }

    /// <summary>
    /// The plan of <paramref name="command"/> with its parameters: SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN after
    /// VACUUM ANALYZE, with sequential scans and sorts priced out, so that a plan without a Sort node shows an index can give the order (on a
    /// few hundred rows the planner would rightly sort them in memory).
    /// </summary>
    internal static async Task<string> PlanAsync(PermitTestHost host, string provider, Workflow.Testing.SentCommand command)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        if (provider != "sqlite")
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE permit_steps"); // the visibility map, without which no index-only scan
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_sort = off;");
        }
        await using var explain = connection.CreateCommand();
        explain.CommandText = (provider == "sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using DbDataReader reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(provider == "sqlite" ? 3 : 0));
        return string.Join(" | ", lines);
    }
}
