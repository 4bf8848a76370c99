using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Ledger;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Ledger;

/// <summary>
/// The ledger's lines (docs/ledger-and-feeds.md). ZJJ-003 alone (statutory 5, promised 2 working days) accepted Monday
/// 3 March 2025 09:30 on cn-mainland: the promised warning falls at the end of Tuesday 4 March, the promised due at the
/// end of Wednesday 5 March (worked by hand in Supervision/CardSchedulingTests).
/// </summary>
public class LedgerQueriesTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Lines_carry_the_limits_the_working_days_used_and_the_cards_fired(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        host.Clock.Set(At("2025-03-03T09:30:00+08:00"));
        await host.AcceptAsync(file.CaseId);
        var review = await host.OpenStepAsync(file.CaseId, "zjj");
        var ledger = host.Services.GetRequiredService<LedgerQueries>();

        // Wednesday 12:00: Tuesday whole (1) + Wednesday 09:00–12:00 (3 of 7 hours) used; the promised warning has fired.
        host.SetClock("2025-03-05T12:00:00+08:00");
        await host.FireDueTimersAsync();
        var step = await ledger.StepsAsync(new LedgerFilter(Department: "zjj"), host.Clock.GetCurrentInstant()).SingleAsync();
        step.StepId.Should().Be(review.Id);
        (step.StatutoryLimit, step.PromisedLimit).Should().Be((5, 2));
        step.PromisedDue.Should().Be(At("2025-03-05T17:30:00+08:00"));
        step.WorkingDaysUsed.Should().Be(1.4);
        (step.YellowCards, step.RedCards).Should().Be((1, 0));

        // Thursday 10:00: the promised clock is overdue.
        host.SetClock("2025-03-06T10:00:00+08:00");
        await host.FireDueTimersAsync();
        step = await ledger.StepsAsync(new LedgerFilter(Department: "zjj"), host.Clock.GetCurrentInstant()).SingleAsync();
        (step.YellowCards, step.RedCards).Should().Be((1, 1));
        var @case = await ledger.CasesAsync(new LedgerFilter(), host.Clock.GetCurrentInstant()).SingleAsync();
        @case.CaseId.Should().Be(file.CaseId);
        (@case.YellowCards, @case.RedCards).Should().Be((await CountAsync(host, file.CaseId, "Warning"), await CountAsync(host, file.CaseId, "Overdue")));
        @case.RedCards.Should().BeGreaterThanOrEqualTo(1);
        @case.AcceptedAt.Should().Be(At("2025-03-03T09:30:00+08:00"));

        (await ledger.CasesAsync(new LedgerFilter(From: At("2025-03-04T00:00:00+08:00")), host.Clock.GetCurrentInstant()).CountAsync()).Should().Be(0, "filed before the period");
        (await ledger.StepsAsync(new LedgerFilter(Department: "rf"), host.Clock.GetCurrentInstant()).CountAsync()).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_case_deemed_accepted_says_so_in_the_ledger_with_the_day_of_receipt_and_step_7_fills_it_for_existing_cases(string provider)
    {
        // Filed Monday 2025-03-03 09:30: the intake clock's five working days end on Monday 2025-03-10 at 17:30.
        await using var host = await StartAsync(provider, "2025-03-03T09:30:00+08:00");
        var deemed = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        var accepted = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        await host.AcceptAsync(accepted.CaseId);
        host.SetClock("2025-03-11T10:00:00+08:00");
        await host.FireDueTimersAsync();
        var ledger = host.Services.GetRequiredService<LedgerQueries>();

        async Task<Dictionary<string, LedgerCase>> LinesAsync() =>
            await ledger.CasesAsync(new LedgerFilter(), host.Clock.GetCurrentInstant()).ToDictionaryAsync(c => c.CaseId);
        var lines = await LinesAsync();
        (lines[deemed.CaseId].DeemedAccepted, lines[deemed.CaseId].AcceptedAt).Should().Be((true, At("2025-03-03T09:30:00+08:00")));
        (lines[accepted.CaseId].DeemedAccepted, lines[accepted.CaseId].AcceptedAt).Should().Be((false, At("2025-03-03T09:30:00+08:00")));
        // The intake step has its clock in the ledger too: closed by the sweep at Tuesday 10:00, five whole working days
        // and one of Tuesday's seven office hours after its opening (5.14), late against its five.
        var intake = await ledger.StepsAsync(new LedgerFilter(Department: "frontdesk"), host.Clock.GetCurrentInstant()).SingleAsync(s => s.CaseId == deemed.CaseId);
        (intake.Kind, intake.StatutoryLimit, intake.Outcome, intake.Actor).Should().Be(("Intake", 5, "Accepted", "system"));
        intake.CompletedAt.Should().Be(At("2025-03-11T10:00:00+08:00"));
        intake.WorkingDaysUsed.Should().Be(5.1);

        // Back to a database at step 6: the column is filled from the stored case files.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE permit_cases DROP COLUMN deemed_accepted");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM wf_schema_history WHERE module = 'permits' AND version = 7");
        }
        await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        lines = await LinesAsync();
        lines[deemed.CaseId].DeemedAccepted.Should().BeTrue();
        lines[accepted.CaseId].DeemedAccepted.Should().BeFalse();
    }

    // Counted straight from the table, not by the code under test.
    private static async Task<int> CountAsync(PermitTestHost host, string caseId, string level)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM sup_cards WHERE case_id = '{caseId}' AND level = '{level}'";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
