using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Workflow.Definitions.Cases;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The case file of the instance one save writes, parsed from its variable once for all the save participants (the
/// projection, the audit chain, the card timers, the notifications, the certificates, the returns) instead of once by
/// each (issue #16; docs/benchmarks.md, "Permit actions"). The engine hands every participant the same
/// <see cref="WorkflowSaveContext"/> after the instance is stamped (<see cref="IWorkflowSaveParticipant.OnPreparingAsync"/>
/// runs before), so the variable no longer changes; a retried save gets a new context and a fresh parse.
/// Participants only read the file.
/// </summary>
internal static class SavedCaseFile
{
    private static readonly ConditionalWeakTable<WorkflowSaveContext, Parsed> Files = [];
    // The same parse by the variable's JSON node, for the desk that answers with the file the save wrote.
    private static readonly ConditionalWeakTable<JsonNode, Parsed> Nodes = [];

    /// <summary>The saved instance's case file; null for an instance without one and for a designer's test run (never a case, docs/studio.md).</summary>
    public static CaseFile? Of(WorkflowSaveContext context) =>
        context.Instance.IsTest ? null : Files.GetValue(context, Parse).File;

    /// <summary>
    /// The case file of <paramref name="instance"/> as returned by the runtime after its save: the participants' parse
    /// when its variable is the very node they parsed (nothing changes the node after the save's participants ran), else
    /// parsed now. Read only, like the participants' copy.
    /// </summary>
    public static CaseFile? AfterSave(WorkflowInstance instance) =>
        instance.Variables[CaseFile.VariableName] is { } node && Nodes.TryGetValue(node, out var parsed) ? parsed.File : CaseFiles.FileOf(instance);

    private static Parsed Parse(WorkflowSaveContext context)
    {
        var node = context.Instance.Variables[CaseFile.VariableName];
        var parsed = new Parsed(CaseFileJson.FromNode(node));
        if (node is not null) Nodes.AddOrUpdate(node, parsed);
        return parsed;
    }

    private sealed record Parsed(CaseFile? File);
}
