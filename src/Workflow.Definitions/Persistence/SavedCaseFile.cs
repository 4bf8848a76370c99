using System.Runtime.CompilerServices;
using Workflow.Definitions.Cases;
using Workflow.Engine.Persistence.EntityFramework;

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

    /// <summary>The saved instance's case file; null for an instance without one and for a designer's test run (never a case, docs/studio.md).</summary>
    public static CaseFile? Of(WorkflowSaveContext context) =>
        context.Instance.IsTest ? null : Files.GetValue(context, c => new Parsed(CaseFileJson.FromNode(c.Instance.Variables[CaseFile.VariableName]))).File;

    private sealed record Parsed(CaseFile? File);
}
