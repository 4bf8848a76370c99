namespace Workflow.Definitions.Messages;

/// <summary>
/// The longest texts the permit domain stores (docs/api.md, *Input limits*): the one place both the API and the pages
/// take them from. Longer input is refused with <see cref="RuleCodes.TextTooLong"/> on its field; nothing is stored.
/// </summary>
public static class InputLimits
{
    public const int ProjectCode = 50;
    public const int ProjectName = 200;
    public const int Enterprise = 200;
    public const int Opinion = 2000;
    public const int Condition = 500;
    public const int Conditions = 20;
    public const int Reason = 500;
    public const int Comment = 2000;

    /// <summary>The problem when <paramref name="text"/> is longer than <paramref name="max"/>; null when it fits (or is null).</summary>
    public static RuleMessage? Check(string? text, int max) => text?.Length > max ? new RuleMessage(RuleCodes.TextTooLong, max) : null;

    /// <summary>Adds the problem of <paramref name="text"/> under <paramref name="field"/> when it is too long.</summary>
    public static void Check(Dictionary<string, RuleMessage[]> errors, string field, string? text, int max)
    {
        if (Check(text, max) is { } problem) errors[field] = [.. errors.GetValueOrDefault(field) ?? [], problem];
    }
}
