using System.Text.Json.Nodes;
using Npgsql;

namespace Workflow.CrashTest;

/// <summary>
/// What must hold after the run, read from the database (and each case file from the API): every acknowledged action
/// applied exactly once, every case finished or waiting on a bookmark that exists, every due timer fired once, the
/// demo data seeded once. Each finding is a line of <see cref="Findings"/>; the counts are printed either way.
/// </summary>
internal sealed class Verification(Settings settings, ActionRun actions, TimerRun timers, IReadOnlyCollection<string> caseIds)
{
    private static readonly HashSet<string> FinishedStates = ["Issued", "Rejected", "Refused", "Revoked"];

    public List<string> Findings { get; } = [];

    public List<string> Counts { get; } = [];

    public async Task RunAsync()
    {
        await using var db = new NpgsqlConnection(settings.Database);
        await db.OpenAsync();
        await CheckActionsAsync(db);
        await CheckCasesAsync(db);
        await CheckCaseFilesAsync();
        await CheckTimersAsync(db);
        await CheckSeedingAsync(db);
    }

    /// <summary>Applied: the step is completed with the outcome and by the user sent; once: one resume per completed step, one key record each.</summary>
    private async Task CheckActionsAsync(NpgsqlConnection db)
    {
        var steps = new Dictionary<string, (string State, string? Outcome, string? Actor, string CaseId)>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(db, "SELECT id, state, outcome, actor, case_id FROM permit_steps WHERE case_id = ANY(@ids)", caseIds.ToArray()))
            steps[r.GetString(0)] = (r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4));
        var lost = 0;
        foreach (var a in actions.Acknowledged.Values)
        {
            if (steps.TryGetValue(a.StepId, out var s) && s.State == "Completed" && s.Outcome == a.Outcome && s.Actor == a.User) continue;
            lost++;
            Findings.Add($"LOST: step {a.StepId} was acknowledged ({a.Outcome} by {a.User}) but is {s.State}/{s.Outcome}/{s.Actor}");
        }

        var completedNotAcknowledged = steps.Where(s => s.Value.State == "Completed" && !actions.Acknowledged.ContainsKey(s.Key)).ToList();
        foreach (var s in completedNotAcknowledged) Findings.Add($"UNKNOWN: step {s.Key} is completed but no action on it was acknowledged");

        var keys = await ScalarAsync(db, "SELECT count(*) FROM wf_idempotency WHERE idempotency_key LIKE @value", $"crash-{settings.Run}-%");
        if (keys != actions.Acknowledged.Count) Findings.Add($"KEYS: {keys} idempotency records for {actions.Acknowledged.Count} acknowledged actions");

        // One resume of a permit activity per completed step: a doubled action would resume (or complete) twice.
        var resumes = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(db, """
            SELECT c.id, count(j.*) FROM permit_cases c JOIN wf_journal j ON j.instance_id = c.instance_id
            WHERE c.id = ANY(@ids) AND j.event_kind = 'Resumed' AND j.activity_type LIKE 'Permits.%' GROUP BY c.id
            """, caseIds.ToArray()))
            resumes[r.GetString(0)] = r.GetInt64(1);
        var doubled = 0;
        foreach (var group in steps.Where(s => s.Value.State == "Completed").GroupBy(s => s.Value.CaseId))
        {
            var resumed = resumes.GetValueOrDefault(group.Key);
            if (resumed == group.Count()) continue;
            doubled++;
            Findings.Add($"DOUBLE: case {group.Key} has {group.Count()} completed steps but {resumed} resumes in its journal");
        }

        Counts.Add($"actions acknowledged {actions.Acknowledged.Count} (replayed answers {actions.Acknowledged.Values.Count(a => a.Replayed)}), applied {actions.Acknowledged.Count - lost}, lost {lost}, doubled cases {doubled}, idempotency records {keys}");
    }

    /// <summary>Every case finished, or running with each open step's bookmark present.</summary>
    private async Task CheckCasesAsync(NpgsqlConnection db)
    {
        int finished = 0, waiting = 0, broken = 0;
        var cases = new List<(string Id, string State, string Instance, string Status, string SubStatus)>();
        await foreach (var r in QueryAsync(db, """
            SELECT c.id, c.state, c.instance_id, i.status, i.sub_status FROM permit_cases c JOIN wf_instances i ON i.id = c.instance_id WHERE c.id = ANY(@ids)
            """, caseIds.ToArray()))
            cases.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        var orphans = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(db, """
            SELECT s.case_id FROM permit_steps s WHERE s.case_id = ANY(@ids) AND s.state IN ('Open', 'WaitingForSupplement')
              AND (s.bookmark_id IS NULL OR NOT EXISTS (SELECT 1 FROM wf_bookmarks b WHERE b.id = s.bookmark_id AND b.instance_id = s.instance_id))
            """, caseIds.ToArray()))
            orphans.Add(r.GetString(0));
        foreach (var c in cases)
        {
            if (FinishedStates.Contains(c.State) && c.Status == "Finished" && c.SubStatus == "Finished") finished++;
            else if (!FinishedStates.Contains(c.State) && c.Status == "Running" && !orphans.Contains(c.Id)) waiting++;
            else
            {
                broken++;
                Findings.Add($"CASE: {c.Id} is {c.State}, its instance {c.Status}/{c.SubStatus}{(orphans.Contains(c.Id) ? ", an open step without its bookmark" : "")}");
            }
        }

        if (cases.Count != caseIds.Count) Findings.Add($"CASE: {caseIds.Count - cases.Count} cases are missing");
        Counts.Add($"cases {cases.Count}: finished {finished}, waiting on a valid bookmark {waiting}, neither {broken}");
    }

    /// <summary>The case file as the API shows it: one opinion per completed step, one StepCompleted event per step.</summary>
    private async Task CheckCaseFilesAsync()
    {
        var doubled = 0;
        foreach (var caseId in caseIds)
        {
            var body = await actions.ReadCaseAsync(caseId);
            if (body is null) continue;
            var opinions = body["opinions"]!.AsArray().GroupBy(o => o!["stepId"]?.GetValue<string>()).Where(g => g.Count() > 1);
            var completions = body["timeline"]!.AsArray()
                .Where(e => e!["event"]?.GetValue<string>() == "StepCompleted")
                .GroupBy(e => e!["stepId"]?.GetValue<string>()).Where(g => g.Count() > 1);
            foreach (var g in opinions.Concat(completions))
            {
                doubled++;
                Findings.Add($"DOUBLE: case {caseId} shows step {g.Key} {g.Count()} times");
            }
        }

        Counts.Add($"case files read through the API {caseIds.Count}: steps shown twice {doubled}");
    }

    /// <summary>Every timer instance finished, its delay resumed once and the activity after it run once; no due timer left.</summary>
    private async Task CheckTimersAsync(NpgsqlConnection db)
    {
        var rows = new Dictionary<string, (string Status, long Resumed, long After)>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(db, """
            SELECT i.id, i.status || '/' || i.sub_status,
                   (SELECT count(*) FROM wf_journal j WHERE j.instance_id = i.id AND j.activity_id = 'wait' AND j.event_kind = 'Resumed'),
                   (SELECT count(*) FROM wf_journal j WHERE j.instance_id = i.id AND j.activity_id = 'after' AND j.event_kind = 'Completed')
            FROM wf_instances i WHERE i.id = ANY(@ids)
            """, timers.InstanceIds.ToArray()))
            rows[r.GetString(0)] = (r.GetString(1), r.GetInt64(2), r.GetInt64(3));
        int once = 0, twice = 0, notFired = 0;
        foreach (var id in timers.InstanceIds)
        {
            var row = rows.GetValueOrDefault(id, ("missing", 0, 0));
            if (row.Status == "Finished/Finished" && row.Resumed == 1 && row.After == 1) once++;
            else if (row.Resumed > 1 || row.After > 1)
            {
                twice++;
                Findings.Add($"TIMER: instance {id} fired {row.Resumed} times (the activity after it ran {row.After} times)");
            }
            else
            {
                notFired++;
                Findings.Add($"TIMER: instance {id} is {row.Status}, fired {row.Resumed} times");
            }
        }

        // Any timer anywhere in the database that was due more than 15 s ago and is still waiting was missed.
        var overdue = await ScalarAsync(db, "SELECT count(*) FROM wf_bookmarks WHERE resume_at IS NOT NULL AND resume_at < @value",
            (DateTimeOffset.UtcNow.AddSeconds(-15).ToUnixTimeMilliseconds() * 1_000_000L));
        if (overdue > 0) Findings.Add($"TIMER: {overdue} timers were due more than 15 s ago and have not fired");
        Counts.Add($"timers {timers.InstanceIds.Count} (due {settings.TimerDelay.TotalSeconds:0} s after start): fired once {once}, more than once {twice}, not fired {notFired}; overdue timers in the database {overdue}");
    }

    /// <summary>Three hosts started together on one empty database: the demo projects, stage workflows and bindings exist once.</summary>
    private async Task CheckSeedingAsync(NpgsqlConnection db)
    {
        var demo = await ScalarAsync(db, "SELECT count(*) FROM permit_projects WHERE code NOT LIKE @value", "CRASH-%");
        var stageVersions = await ScalarAsync(db, "SELECT count(*) FROM wf_definitions WHERE definition_id LIKE @value", "stage-%");
        var bindings = await ScalarAsync(db, "SELECT count(*) FROM permit_bindings");
        if (settings.DemoProjects >= 0 && demo != settings.DemoProjects) Findings.Add($"SEED: {demo} demo projects, expected {settings.DemoProjects}");
        if (stageVersions != 4) Findings.Add($"SEED: {stageVersions} versions of the stage workflows, expected 4 (one each)");
        if (bindings != 4) Findings.Add($"SEED: {bindings} stage bindings, expected 4");
        Counts.Add($"seeding with the hosts started together: demo projects {demo}, stage workflow versions {stageVersions}, bindings {bindings}");
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> QueryAsync(NpgsqlConnection db, string sql, string[] ids)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) yield return reader;
    }

    /// <summary>A count; the one parameter, if any, is named <c>@value</c>.</summary>
    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, object? value = null)
    {
        await using var command = new NpgsqlCommand(sql, db);
        if (value is not null) command.Parameters.AddWithValue("value", value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
