namespace Workflow.Definitions.Messages;

/// <summary>
/// The longest texts the permit domain stores (docs/api.md, *Input limits*): the one place both the API and the pages
/// take them from. Longer input is refused with <see cref="RuleCodes.TextTooLong"/> on its field; nothing is stored.
/// </summary>
public static class InputLimits
{
    /// <summary>项目代码.</summary>
    public const int ProjectCode = 50;
    /// <summary>项目名称.</summary>
    public const int ProjectName = 200;
    /// <summary>申报单位.</summary>
    public const int Enterprise = 200;
    /// <summary>An opinion, or a refusal's or rejection's reason.</summary>
    public const int Opinion = 2000;
    /// <summary>One condition.</summary>
    public const int Condition = 500;
    /// <summary>How many conditions one action may set.</summary>
    public const int Conditions = 20;
    /// <summary>The reason a material is asked for (supplement, one-time notice) or a file is marked defective.</summary>
    public const int Reason = 500;
    /// <summary>Comments: an urging notice's message and its reply, a complaint and its reply, a rating's comment.</summary>
    public const int Comment = 2000;
    /// <summary>The certificate number the issuing step may give (证照编号).</summary>
    public const int CertificateNumber = 100;
    /// <summary>The label its owner gives a deadline feed's subscription.</summary>
    public const int FeedLabel = 100;

    /// <summary>The problem when <paramref name="text"/> is longer than <paramref name="max"/>; null when it fits (or is null).</summary>
    public static RuleMessage? Check(string? text, int max) => text?.Length > max ? new RuleMessage(RuleCodes.TextTooLong, max) : null;

    /// <summary>Adds the problem of <paramref name="text"/> under <paramref name="field"/> when it is too long.</summary>
    public static void Check(Dictionary<string, RuleMessage[]> errors, string field, string? text, int max)
    {
        if (Check(text, max) is { } problem) errors[field] = [.. errors.GetValueOrDefault(field) ?? [], problem];
    }
}
