using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Workflow.CrashTest;

/// <summary>An action the driver got a 200 for: the step, its case, the outcome sent and who sent it with which key.</summary>
internal sealed record Acknowledged(string StepId, string CaseId, string Outcome, string User, string Key, bool Replayed);

/// <summary>
/// The clients: <see cref="Settings.Clients"/> workers take open steps from one queue and act on each with the
/// positive outcome of its kind and an idempotency key of its own (<c>crash-{run}-{stepId}</c>), sending request after
/// request to the next host. A request without an answer (a host killed) is sent again with the same key to another
/// host until a host answers it; after each answer the case is read again and its new open steps are queued. One step
/// is acted on by one worker, so a 409 is never expected: it counts as an error.
/// </summary>
internal sealed class ActionRun(Hosts hosts, Settings settings, Counters counters)
{
    private readonly ConcurrentQueue<(string StepId, string CaseId, string Kind, string Department)> _queue = new();
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private int _pending;
    private int _turn;

    public ConcurrentDictionary<string, Acknowledged> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues the open steps of a case answer (<c>openSteps</c>) not queued before. A joint review's consolidation is
    /// open from the start but takes an action only once every opinion is in (409 before): it is queued from the
    /// first read of the case that shows no opinion step open.
    /// </summary>
    public void Enqueue(string caseId, JsonNode caseBody)
    {
        var open = caseBody["openSteps"]!.AsArray();
        var opinionsOpen = open.Any(s => s!["kind"]!.GetValue<string>() == "JointOpinion");
        foreach (var step in open)
        {
            if (opinionsOpen && step!["kind"]!.GetValue<string>() == "JointConsolidation") continue;
            var id = step!["id"]!.GetValue<string>();
            if (!_seen.TryAdd(id, true)) continue;
            Interlocked.Increment(ref _pending);
            _queue.Enqueue((id, caseId, step["kind"]!.GetValue<string>(), step["department"]!.GetValue<string>()));
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var progress = new Timer(_ => WriteProgress(), null, 0, 250);
        await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(_ => Task.Run(() => WorkAsync(stop), stop)));
        WriteProgress();
    }

    /// <summary>The count of acknowledged actions in the file <c>progress</c>, replaced whole so the script never reads it half written.</summary>
    private void WriteProgress()
    {
        lock (_queue)
        {
            var file = Path.Combine(settings.Folder, "progress");
            File.WriteAllText(file + ".new", Acknowledged.Count.ToString());
            File.Move(file + ".new", file, overwrite: true);
        }
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            stop.ThrowIfCancellationRequested();
            await WaitForRestartAsync(stop);
            if (!_queue.TryDequeue(out var work))
            {
                await Task.Delay(20, stop);
                continue;
            }

            try
            {
                var caseBody = await ActAsync(work.StepId, work.CaseId, work.Kind, work.Department);
                if (caseBody is not null) Enqueue(work.CaseId, caseBody);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    /// <summary>
    /// Once <see cref="Settings.PauseAt"/> actions are acknowledged, no new work starts until the killed host is back
    /// (the script writes the file <c>restarted</c>), so that the restarted host serves part of the run too.
    /// </summary>
    private async Task WaitForRestartAsync(CancellationToken stop)
    {
        var marker = Path.Combine(settings.Folder, "restarted");
        while (Acknowledged.Count >= settings.PauseAt && !File.Exists(marker) && !settings.NoKill)
        {
            await Task.Delay(200, stop);
        }
    }

    private async Task<JsonNode?> ActAsync(string stepId, string caseId, string kind, string department)
    {
        var outcome = kind switch
        {
            "Intake" => "Accepted",
            "Review" => "Approved",
            "JointOpinion" => "Agree",
            "JointConsolidation" => "Passed",
            _ => "Done",
        };
        var user = department == "frontdesk" ? "frontdesk" : $"reviewer-{department}";
        var key = $"crash-{settings.Run}-{stepId}";
        var body = new JsonObject { ["outcome"] = outcome, ["opinion"] = "同意" };
        for (var attempt = 0; ; attempt++)
        {
            if (attempt >= 90)
            {
                counters.Error($"step {stepId}: no host acknowledged the action after {attempt} attempts");
                return null;
            }

            var host = Interlocked.Increment(ref _turn);
            Interlocked.Increment(ref counters.Sent);
            Answer answer;
            try
            {
                answer = await hosts.SendAsync(host, HttpMethod.Post, $"/api/steps/{stepId}/actions", user, body, key);
            }
            catch (NoAnswerException)
            {
                Interlocked.Increment(ref counters.Unanswered);
                await Task.Delay(300);
                continue;
            }

            if (answer.Status == HttpStatusCode.OK)
            {
                if (answer.Replayed) Interlocked.Increment(ref counters.Replayed);
                if (attempt > 0) Interlocked.Increment(ref counters.RetriedUntilAcknowledged);
                Acknowledged[stepId] = new(stepId, caseId, outcome, user, key, answer.Replayed);
                return await ReadCaseAsync(caseId);
            }

            if ((int)answer.Status >= 500) counters.ServerError($"POST /api/steps/{stepId}/actions on {hosts[host]}: {(int)answer.Status} {Shorten(answer.Text)}");
            if (answer.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests || (int)answer.Status >= 500)
            {
                await Task.Delay(300);
                continue;
            }

            counters.Error($"step {stepId} ({kind}) on {hosts[host]}: {(int)answer.Status} {Shorten(answer.Text)}");
            return null;
        }
    }

    /// <summary>Reads the case (as its agent) on any host that answers.</summary>
    public async Task<JsonNode?> ReadCaseAsync(string caseId)
    {
        for (var attempt = 0; attempt < 90; attempt++)
        {
            var host = Interlocked.Increment(ref _turn);
            try
            {
                var answer = await hosts.SendAsync(host, HttpMethod.Get, $"/api/cases/{caseId}", "admin");
                if (answer.Status == HttpStatusCode.OK) return answer.Body;
                if ((int)answer.Status >= 500) counters.ServerError($"GET /api/cases/{caseId} on {hosts[host]}: {(int)answer.Status} {Shorten(answer.Text)}");
                else
                {
                    counters.Error($"GET /api/cases/{caseId}: {(int)answer.Status} {Shorten(answer.Text)}");
                    return null;
                }
            }
            catch (NoAnswerException)
            {
                Interlocked.Increment(ref counters.Unanswered);
            }

            await Task.Delay(300);
        }

        counters.Error($"case {caseId}: no host answered");
        return null;
    }

    internal static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
