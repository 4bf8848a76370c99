using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>Instances with every field set, including instants below the tick.</summary>
internal static class InstanceSamples
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0, 0).PlusNanoseconds(123_456_789);

    public static WorkflowInstance Suspended(string id = "inst-1") => new()
    {
        Id = id,
        DefinitionId = "permit-review",
        DefinitionVersion = 3,
        DefinitionVersionId = "defv-3",
        CorrelationId = "case-2026-0001",
        Name = "审批 case 1",
        Status = WorkflowStatus.Running,
        SubStatus = WorkflowSubStatus.Suspended,
        Input = new JsonObject { ["caseId"] = "case-2026-0001", ["area"] = 1234.5 },
        Variables = new JsonObject { ["approved"] = false, ["departments"] = new JsonArray("fgw", "zjj") },
        ExecutionState = new JsonObject { ["tokens"] = new JsonArray(new JsonObject { ["from"] = "fork1", ["to"] = "review-fgw" }) },
        Bookmarks =
        [
            new Bookmark("bm-review-fgw", "review-fgw", "Permit.HumanStep", "Workflow1:review-fgw", "HumanTask",
                new JsonObject { ["department"] = "fgw" }, Start.PlusNanoseconds(1)),
            new Bookmark("bm-timer", "delay1", "Elsa.Delay", "Workflow1:delay1", "Delay", null, Start.PlusNanoseconds(2),
                Start + Duration.FromDays(5) + Duration.FromNanoseconds(7)),
            new Bookmark("bm-event", "event1", "Elsa.Event", "Workflow1:event1", "Event", new JsonObject { ["name"] = "paid" }, Start),
        ],
        CreatedAt = Start,
        UpdatedAt = Start.PlusNanoseconds(999),
        Version = 0,
    };

    public static JournalEntry Line(string instanceId, long sequence, JournalEventKind kind = JournalEventKind.Completed) =>
        new(instanceId, sequence, $"act{sequence}", "Elsa.WriteLine", $"Workflow1:act{sequence}", kind,
            kind == JournalEventKind.Completed ? "Done" : null, Start.PlusNanoseconds(sequence),
            new JsonObject { ["n"] = sequence });
}
