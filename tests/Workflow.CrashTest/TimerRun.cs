using System.Net;
using System.Text.Json.Nodes;

namespace Workflow.CrashTest;

/// <summary>
/// Timers across the crash: a published workflow Start → Elsa.Delay → Elsa.WriteLine, started
/// <see cref="Settings.Timers"/> times (spread over the hosts) just before the actions begin, so that the delays come
/// due while the hosts are busy and one of them is killed. Each host's scheduler sweeps every second; the claim with a
/// lease must make each delay fire once (checked in <see cref="Verification"/>).
/// </summary>
internal sealed class TimerRun(Hosts hosts, Settings settings)
{
    public string DefinitionId => $"crash-timer-{settings.Run}";

    public List<string> InstanceIds { get; } = [];

    public DateTime StartedAt { get; private set; }

    public async Task StartAsync()
    {
        var model = JsonNode.Parse("""
            {"definitionId":"DEFINITION_ID","name":"Crash test timer RUN","variables":[],"root":{"id":"root","type":"Elsa.Flowchart","version":1,
             "activities":[
               {"id":"start","type":"Elsa.Start","version":1},
               {"id":"wait","type":"Elsa.Delay","version":1,"timeSpan":{"typeName":"TimeSpan","expression":{"type":"Literal","value":"DELAY"}}},
               {"id":"after","type":"Elsa.WriteLine","version":1,"text":{"typeName":"String","expression":{"type":"Literal","value":"fired"}}}],
             "connections":[
               {"source":{"activity":"start","port":"Done"},"target":{"activity":"wait","port":"In"},"vertices":[]},
               {"source":{"activity":"wait","port":"Done"},"target":{"activity":"after","port":"In"},"vertices":[]}]}}
            """.Replace("DEFINITION_ID", DefinitionId).Replace("RUN", settings.Run).Replace("DELAY", settings.TimerDelay.ToString("c")))!;
        var saved = await hosts.SendAsync(0, HttpMethod.Post, "/elsa/api/workflow-definitions", "admin", new JsonObject { ["model"] = model, ["publish"] = true });
        if (!saved.Status.IsSuccess()) throw new InvalidOperationException($"saving the timer workflow: {(int)saved.Status} {saved.Text}");
        StartedAt = DateTime.UtcNow;
        for (var i = 0; i < settings.Timers; i++)
        {
            var run = await hosts.SendAsync(i, HttpMethod.Post, $"/elsa/api/workflow-definitions/{DefinitionId}/execute", "admin", new JsonObject());
            if (run.Status != HttpStatusCode.OK) throw new InvalidOperationException($"starting timer {i}: {(int)run.Status} {run.Text}");
            InstanceIds.Add(run.Body!["workflowState"]!["id"]!.GetValue<string>());
        }
    }
}

internal static class StatusCodes
{
    public static bool IsSuccess(this HttpStatusCode status) => (int)status is >= 200 and < 300;
}
