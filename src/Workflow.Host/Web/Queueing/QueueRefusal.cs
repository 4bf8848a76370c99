using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Queueing;

/// <summary>
/// A queue action's refusal as the user reads it, for the API (<see cref="QueueProblemFilter"/>) and the pages
/// (<see cref="QueuePageAction"/>) alike: field errors in the user's language (422), or the reason of a conflict (409:
/// the ticket moved on, another window has it; the appointments' refusals of a check-in), or an unknown ticket (404).
/// </summary>
public sealed record QueueRefusal(int Status, Dictionary<string, string[]> Errors, string? Reason)
{
    /// <summary>The refusal <paramref name="e"/> stands for, or null when it is no refusal of the queue's.</summary>
    public static QueueRefusal? Of(Exception e, MatterCatalogue catalogue) => e switch
    {
        PermitRuleViolation v => new(StatusCodes.Status422UnprocessableEntity, RuleTexts.Render(v, catalogue), null),
        QueueConflictException c => new(StatusCodes.Status409Conflict, [], RuleTexts.Render(c.Reason, catalogue)),
        StepConflictException c => new(StatusCodes.Status409Conflict, [], RuleTexts.Render(c.Reason, catalogue)),
        KeyNotFoundException => new(StatusCodes.Status404NotFound, [], Ui.T("没有这张号票。", "There is no such ticket.")),
        _ => null,
    };
}
