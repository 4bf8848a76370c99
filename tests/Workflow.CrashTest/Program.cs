using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Workflow.CrashTest;

// The crash test's driver (docs/deployment.md, "Crash test"; run by scripts/crash-test.sh, which starts the cluster,
// kills a host with kill -9 once the file `progress` passes a third of the work, restarts it and writes `restarted`).
// Exit code 0 only when nothing was lost or doubled; the last lines are the counts.
var settings = Settings.Parse(args);
var counters = new Counters();
var clock = Stopwatch.StartNew();
using var hosts = new Hosts(settings.Hosts);
string[] departments = ["yjgl", "rf", "zrzy", "qx", "sw", "zjj"];
await hosts.SignInAsync(["agent1", "frontdesk", "admin", .. departments.Select(d => $"reviewer-{d}")]);

// Setup, before any host is killed: one project per case and its stage-4 application (intake, five joint opinions,
// the lead's consolidation: seven actions per case), every material handed in so that the intake can accept.
var actions = new ActionRun(hosts, settings, counters);
var caseIds = new ConcurrentBag<string>();
var next = -1;
await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(client => Task.Run(async () =>
{
    for (var i = Interlocked.Increment(ref next); i < settings.Cases; i = Interlocked.Increment(ref next))
    {
        var project = await hosts.SendAsync(i, HttpMethod.Post, "/api/projects", "agent1", new JsonObject
        {
            ["code"] = $"CRASH-{settings.Run}-{i:D4}", ["name"] = $"崩溃测试项目 {i}", ["enterprise"] = "测试建设有限公司",
            ["kind"] = "EnterpriseInvested", ["priorApprovals"] = new JsonArray("ZRZY-003", "QX-001", "ZJJ-001"),
        });
        if (project.Status != HttpStatusCode.Created) throw new InvalidOperationException($"project {i}: {(int)project.Status} {project.Text}");
        var application = await hosts.SendAsync(i + 1, HttpMethod.Post, $"/api/projects/{project.Body!["id"]}/applications", "agent1", new JsonObject
        {
            ["stage"] = "CompletionAcceptance",
            ["materials"] = new JsonArray("APP", "LIC", "YJGL-002-REPORT", "YJGL-002-TEST", "RF-002-REPORT", "ZRZY-004-SURVEY", "QX-002-TEST", "ZJJ-004-REPORT", "ZJJ-004-ARCHIVE"),
        });
        if (application.Status != HttpStatusCode.Created) throw new InvalidOperationException($"application {i}: {(int)application.Status} {application.Text}");
        var caseId = application.Body!["id"]!.GetValue<string>();
        caseIds.Add(caseId);
        actions.Enqueue(caseId, application.Body);
    }
})));
Console.WriteLine($"crash-test: {caseIds.Count} cases filed in {clock.Elapsed.TotalSeconds:0.0} s");

var timers = new TimerRun(hosts, settings);
await timers.StartAsync();
var actionClock = Stopwatch.StartNew();
await actions.RunAsync(CancellationToken.None);
Console.WriteLine($"crash-test: {actions.Acknowledged.Count} actions acknowledged in {actionClock.Elapsed.TotalSeconds:0.0} s ({actions.Acknowledged.Count / actionClock.Elapsed.TotalSeconds:0.0}/s) from {settings.Clients} clients over {hosts.Count} hosts");

// Every timer is due by now + its delay; the sweeps run every second. Give them that plus a margin before judging.
var judgeAt = timers.StartedAt + settings.TimerDelay + TimeSpan.FromSeconds(20);
if (DateTime.UtcNow < judgeAt) await Task.Delay(judgeAt - DateTime.UtcNow);

var verification = new Verification(settings, actions, timers, [.. caseIds]);
await verification.RunAsync();
Console.WriteLine($"crash-test: requests sent {counters.Sent}, without an answer (retried with the same key) {counters.Unanswered}, actions acknowledged only on a retry {counters.RetriedUntilAcknowledged}, replayed answers {counters.Replayed}, 5xx {counters.ServerErrors.Count}, other errors {counters.Errors.Count}");
foreach (var line in verification.Counts) Console.WriteLine($"crash-test: {line}");
foreach (var finding in verification.Findings.Take(50)) Console.Error.WriteLine($"crash-test: {finding}");
var failed = verification.Findings.Count + counters.Errors.Count + counters.ServerErrors.Count;
if (!settings.NoKill && counters.Unanswered == 0)
{
    Console.Error.WriteLine("crash-test: no request went unanswered: the kill did not hit the run");
    failed++;
}

Console.WriteLine(failed == 0
    ? $"crash-test: PASSED in {clock.Elapsed.TotalSeconds:0} s"
    : $"crash-test: FAILED ({verification.Findings.Count} findings, {counters.ServerErrors.Count} server errors, {counters.Errors.Count} other errors)");
return failed == 0 ? 0 : 1;
