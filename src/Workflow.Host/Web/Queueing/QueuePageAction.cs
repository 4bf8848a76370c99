using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Web.Queueing;

/// <summary>
/// Runs a queue action for a page and keeps its refusal (<see cref="QueueRefusal"/>) as the page shows it: field errors
/// in the user's language or the reason of a conflict, with the status the page answers.
/// </summary>
public sealed class QueuePageAction
{
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Conflict { get; set; }
    public int? Status { get; set; }
    /// <summary>A remark that is no refusal (e.g. nobody waiting).</summary>
    public string? Note { get; set; }

    public async Task<T?> RunAsync<T>(Func<Task<T?>> action, MatterCatalogue catalogue) where T : class
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (QueueRefusal.Of(e, catalogue) is { } refusal)
        {
            (Errors, Conflict, Status) = (refusal.Errors, refusal.Reason, refusal.Status);
            return null;
        }
    }
}
