using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Queueing;

/// <summary>
/// Runs a queue action for a page and keeps its refusal as the page shows it (as <see cref="QueueProblemFilter"/> does
/// for the API): field errors in the user's language (422) or the reason of a conflict (409).
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
        catch (PermitRuleViolation e)
        {
            (Errors, Status) = (RuleTexts.Render(e, catalogue), StatusCodes.Status422UnprocessableEntity);
        }
        catch (QueueConflictException e)
        {
            (Conflict, Status) = (RuleTexts.Render(e.Reason, catalogue), StatusCodes.Status409Conflict);
        }
        catch (StepConflictException e)
        {
            (Conflict, Status) = (RuleTexts.Render(e.Reason, catalogue), StatusCodes.Status409Conflict);
        }
        catch (KeyNotFoundException)
        {
            (Conflict, Status) = (Ui.T("没有这张号票。", "There is no such ticket."), StatusCodes.Status404NotFound);
        }
        return null;
    }
}
