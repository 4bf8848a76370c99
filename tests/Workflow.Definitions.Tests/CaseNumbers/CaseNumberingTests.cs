using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.CaseNumbers;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.CaseNumbers;

public class CaseNumberingTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Twenty_concurrent_filings_get_distinct_consecutive_numbers(string provider)
    {
        await using var host = await PermitTestHost.StartAsync(provider, "2026-11-30T09:30:00+08:00");
        var projects = new List<ProjectRow>();
        for (var i = 0; i < 20; i++) projects.Add(await host.ProjectAsync());

        var files = await Task.WhenAll(projects.Select(p => Task.Run(() => host.ApplyAsync(p, Stage.ConstructionPermit))));

        var expected = Enumerable.Range(1, 20).Select(n => $"2026-3-{n:D6}").ToList();
        files.Select(f => f.CaseNumber).Should().BeEquivalentTo(expected);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<CaseRow>().AsNoTracking().ToListAsync();
        rows.Select(r => r.CaseNumber).Should().BeEquivalentTo(expected, "the projection carries the number the case file got");
        rows.Should().OnlyContain(r => r.QueryCode != null && r.QueryCode.Length == 8 && r.QueryCode.All(c => "23456789ABCDEFGHJKMNPQRSTUVWXYZ".Contains(c)));
        rows.Select(r => r.QueryCode).Distinct().Should().HaveCount(20);
        // The number survives the case's later saves, and the case file is the truth the row follows.
        var accepted = await host.AcceptAsync(files[0].CaseId);
        accepted.CaseNumber.Should().Be(files[0].CaseNumber);
        accepted.QueryCode.Should().Be(files[0].QueryCode);
    }

    [Fact]
    public async Task Numbers_count_per_year_and_stage()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2026-12-31T23:30:00+08:00");
        var a = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
        var b = await host.ApplyAsync(await host.ProjectAsync(), Stage.CompletionAcceptance);
        // 2026-12-31 23:30 in Shanghai is still 2026, though it is 15:30 UTC; half an hour later it is 2027 there.
        host.SetClock("2027-01-01T00:00:00+08:00");
        var c = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
        var d = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);

        new[] { a.CaseNumber, b.CaseNumber, c.CaseNumber, d.CaseNumber }.Should().Equal("2026-3-000001", "2026-4-000001", "2027-3-000001", "2027-3-000002");
    }

    [Fact]
    public async Task A_query_code_verifies_only_with_its_own_case_number()
    {
        await using var host = await PermitTestHost.StartAsync();
        var a = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
        var b = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
        var codes = host.Services.GetRequiredService<QueryCodes>();

        (await codes.VerifyAsync(a.CaseNumber!, a.QueryCode!)).Should().Be(a.CaseId);
        (await codes.VerifyAsync(a.CaseNumber!, " " + a.QueryCode!.ToLowerInvariant().Insert(4, "-"))).Should().Be(a.CaseId, "case, spaces and dashes do not matter");
        (await codes.VerifyAsync(a.CaseNumber!, b.QueryCode!)).Should().BeNull();
        (await codes.VerifyAsync(a.CaseNumber!, a.QueryCode![..7])).Should().BeNull();
        (await codes.VerifyAsync("2025-3-999999", a.QueryCode!)).Should().BeNull();
        QueryCodes.Matches(null, "########").Should().BeFalse("the decoy never matches");
    }
}
