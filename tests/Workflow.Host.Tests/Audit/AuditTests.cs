using System.Net;
using Microsoft.Data.Sqlite;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Cli;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Audit;

/// <summary>A host on a SQLite file whatever the run's database, so the tamper tests can edit the file.</summary>
public sealed class SqliteAuditHost : HostFactory
{
    public override bool OnPostgreSql => false;
}

/// <summary><c>GET /api/cases/{id}/audit</c>, and <c>audit verify</c> on the server's SQLite file before and after tampering (docs/audit.md).</summary>
public sealed class AuditTests(SqliteAuditHost host) : IClassFixture<SqliteAuditHost>
{
    private async Task<string> AcceptedCaseAsync()
    {
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        var projectId = await agent.CreateProjectAsync();
        var caseId = (await agent.ApplyAsync(projectId, Stage.EngineeringConstructionPermit, PermitApiDriver.FiveOfStageTwo)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        return caseId;
    }

    [Fact]
    public async Task The_supervisor_reads_who_did_what_others_who_see_the_case_get_403_and_the_rest_404()
    {
        var caseId = await AcceptedCaseAsync();
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        var entries = (await supervisor.GetJsonAsync($"/api/cases/{caseId}/audit")).GetProperty("items").EnumerateArray().ToList();

        entries[0].Text("action").Should().Be("case.filed");
        entries[0].Text("actor").Should().Be("agent1");
        var accepted = entries.Single(e => e.Text("action") == "step.acted");
        accepted.Text("actor").Should().Be("frontdesk");
        accepted.Text("role").Should().Be("frontdesk", "the signed-in caller's role, carried by the request");
        accepted.Text("after").Should().Be("Completed: Accepted");
        entries.Zip(entries.Skip(1)).Should().OnlyContain(p => p.Second.GetProperty("sequence").GetInt64() > p.First.GetProperty("sequence").GetInt64());

        using var agent = await host.AsUserAsync(Roles.Agent);
        (await agent.GetAsync($"/api/cases/{caseId}/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the agent sees the case but not its audit trail");
        using var zjj = await host.AsUserAsync(Roles.Reviewer);
        (await zjj.GetAsync($"/api/cases/{caseId}/audit")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no step of this case is in the zjj inbox");
        (await supervisor.GetAsync("/api/cases/Cnone/audit")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var browser = await host.SignedInClientAsync(Roles.Supervisor);
        (await browser.GetStringAsync($"/cases/{caseId}")).Should().Contain("id=\"audit\"").And.Contain("step.acted");
        using var agentBrowser = await host.SignedInClientAsync(Roles.Agent);
        (await agentBrowser.GetStringAsync($"/cases/{caseId}")).Should().NotContain("id=\"audit\"");
    }

    /// <summary>
    /// Issue #13 "Lists that scale" for the audit trail (docs/api.md, *Lists*): paged on the server, filtered by actor,
    /// action (or its family) and dates, searched, in chain order or newest first, with the case's number; the page
    /// <c>/cases/{id}/audit</c> the same, in both languages, for those who may read it.
    /// </summary>
    [Fact]
    public async Task The_audit_trail_is_paged_and_filtered_by_actor_action_and_dates_in_the_API_and_on_its_page()
    {
        var caseId = await AcceptedCaseAsync();
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        async Task<(string[] Actions, string[] Actors, int Total, System.Text.Json.JsonElement Page)> List(string query)
        {
            var page = await supervisor.GetJsonAsync($"/api/cases/{caseId}/audit?" + query);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            return (items.Select(i => i.Text("action")).ToArray(), items.Select(i => i.Text("actor")).ToArray(), page.GetProperty("totalCount").GetInt32(), page);
        }
        var all = await List("");
        all.Total.Should().BeGreaterThanOrEqualTo(3, "filed, the intake acted on, the review steps opened");
        all.Page.Text("caseNumber").Should().Be((await supervisor.GetJsonAsync($"/api/cases/{caseId}")).Text("caseNumber"));
        var first = await List("pageSize=2");
        first.Actions.Should().Equal(all.Actions.Take(2));
        first.Total.Should().Be(all.Total);
        (await List($"pageSize=2&page=2")).Actions.Should().Equal(all.Actions.Skip(2).Take(2));
        (await List("sort=newest")).Actions.Should().Equal(all.Actions.Reverse());

        var frontdesk = await List("actor=frontdesk");
        frontdesk.Actors.Should().NotBeEmpty().And.OnlyContain(a => a == "frontdesk");
        frontdesk.Actions.Should().Contain("step.acted");
        (await List("action=case.filed")).Actors.Should().Equal("agent1");
        (await List("action=step")).Actions.Should().NotBeEmpty().And.OnlyContain(a => a.StartsWith("step.", StringComparison.Ordinal), "a family: step.*");
        (await List("search=" + Uri.EscapeDataString("Completed: Accepted"))).Actions.Should().Equal("step.acted");
        var day = all.Page.GetProperty("items")[0].Text("at")[..10];
        (await List($"from={day}&to={day}")).Total.Should().Be(all.Total, "everything happened that day");
        var next = NodaTime.Text.LocalDatePattern.Iso.Parse(day).Value.PlusDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await List($"from={next}")).Total.Should().Be(0);

        var zh = await (await supervisor.GetAsync($"/api/cases/{caseId}/audit?state=Open&actor={new string('x', 101)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        zh.GetProperty("errors").GetProperty("state")[0].GetString().Should().Be("此列表不按 state 筛选");
        zh.GetProperty("errors").GetProperty("actor")[0].GetString().Should().Be("actor 最多 100 个字符");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}/audit?from=yesterday");
        request.Headers.AcceptLanguage.ParseAdd("en");
        (await (await supervisor.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("from")[0].GetString()
            .Should().Be("from is a date (yyyy-MM-dd)");

        using var browser = await host.SignedInClientAsync(Roles.Supervisor);
        (await browser.GetStringAsync($"/cases/{caseId}")).Should().Contain($"href=\"/cases/{caseId}/audit\" id=\"audit-all\"");
        var html = await browser.GetStringAsync($"/cases/{caseId}/audit?actor=frontdesk&pageSize=1");
        html.Should().Contain($"<span id=\"total\">{frontdesk.Total}</span>").And.Contain("step.acted").And.Contain(all.Page.Text("caseNumber"));
        if (frontdesk.Total > 1) html.Should().Contain("id=\"next-page\"");
        (await browser.GetStringAsync($"/cases/{caseId}/audit?culture=en&action=case.filed")).Should().Contain("<span id=\"total\">1</span> in all").And.Contain("Audit trail");
        var bad = await browser.GetAsync($"/cases/{caseId}/audit?culture=en&from=yesterday");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("from is a date (yyyy-MM-dd)");
        using var agentBrowser = await host.SignedInClientAsync(Roles.Agent);
        (await agentBrowser.GetAsync($"/cases/{caseId}/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the agent sees the case but not its audit trail");
        using var zjjBrowser = await host.SignedInClientAsync(Roles.Reviewer);
        (await zjjBrowser.GetAsync($"/cases/{caseId}/audit")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_failed_sign_in_is_audited()
    {
        using var anonymous = host.CreateClient();
        (await anonymous.PostAsync("/api/auth/token", System.Net.Http.Json.JsonContent.Create(new { username = "admin", password = "wrong" })))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (exit, output) = await VerifyAsync();
        exit.Should().Be(0, output);
        Scalar("SELECT COUNT(*) FROM audit_entries WHERE action = 'signin.failed' AND actor = 'admin'").Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Audit_verify_counts_an_intact_chain_names_an_edited_entry_and_names_a_deleted_one()
    {
        await AcceptedCaseAsync();
        var (exit, output) = await VerifyAsync();
        exit.Should().Be(0, output);
        var count = Scalar("SELECT COUNT(*) FROM audit_entries");
        output.Should().Contain($"{count} entries verified");

        // Pick an entry in the middle; its original text is put back afterwards so the other tests' chain stays whole.
        var victim = count / 2;
        var actor = Text($"SELECT actor FROM audit_entries WHERE sequence = {victim}");
        Execute($"UPDATE audit_entries SET actor = 'mallory' WHERE sequence = {victim}");
        (exit, output) = await VerifyAsync();
        exit.Should().Be(1);
        output.Should().Contain($"entry {victim} (").And.Contain("was altered");
        Execute($"UPDATE audit_entries SET actor = '{actor}' WHERE sequence = {victim}");

        var row = Text($"SELECT json_array(sequence, at, actor, role, action, case_id, step_id, before, after, previous_hash, hash) FROM audit_entries WHERE sequence = {victim}");
        Execute($"DELETE FROM audit_entries WHERE sequence = {victim}");
        (exit, output) = await VerifyAsync();
        exit.Should().Be(1);
        output.Should().Contain($"entry {victim} is missing");
        Execute($"INSERT INTO audit_entries SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10 FROM (SELECT json('{row.Replace("'", "''")}') AS value)");
        (exit, _) = await VerifyAsync();
        exit.Should().Be(0);
    }

    [Fact]
    public async Task Audit_verify_refuses_a_bad_setting_with_exit_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        (await CliApp.RunAsync(["audit", "verify", "--Database:Provider=Oracle"], stdout, stderr)).Should().Be(2);
        stderr.ToString().Should().Contain("Database:Provider is 'Oracle'");
        (await CliApp.RunAsync(["audit"], stdout, stderr)).Should().Be(2);
    }

    private async Task<(int Exit, string Output)> VerifyAsync()
    {
        _ = host.Services; // the host (and its schema) exists before the verb opens the file
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["audit", "verify", "--Database:Provider=Sqlite", $"--ConnectionStrings:Workflow={host.ConnectionString}"], stdout, stderr);
        return (exit, stdout.ToString() + stderr);
    }

    private long Scalar(string sql) => Convert.ToInt64(Command(sql).ExecuteScalar());

    private string Text(string sql) => (string)Command(sql).ExecuteScalar()!;

    private void Execute(string sql) => Command(sql).ExecuteNonQuery();

    private SqliteCommand Command(string sql)
    {
        var connection = new SqliteConnection(host.ConnectionString);
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Disposed += (_, _) => connection.Dispose();
        return command;
    }
}
