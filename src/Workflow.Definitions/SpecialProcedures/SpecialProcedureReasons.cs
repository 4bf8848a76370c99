namespace Workflow.Definitions.SpecialProcedures;

/// <summary>
/// The stored (Chinese) reason of a special procedure's suspension, 「特别程序：公示」, and back: suspensions recorded
/// before they carried their kind (docs/domain.md, *Special procedures*) are recognised by it, so that they are shown
/// as the procedure they are, in the page's language.
/// </summary>
public static class SpecialProcedureReasons
{
    private const string Prefix = "特别程序：";

    /// <summary>The procedure's Chinese name: 专家评审, 听证, 公示.</summary>
    public static string Name(SpecialProcedureKind kind) => kind switch
    {
        SpecialProcedureKind.ExpertReview => "专家评审",
        SpecialProcedureKind.Hearing => "听证",
        _ => "公示",
    };

    /// <summary>The reason a suspension of <paramref name="kind"/> stores.</summary>
    public static string Of(SpecialProcedureKind kind) => Prefix + Name(kind);

    /// <summary>The kind whose reason <paramref name="reason"/> is; null for any other reason (a supplement, none).</summary>
    public static SpecialProcedureKind? KindOf(string? reason) =>
        reason is not null && reason.StartsWith(Prefix, StringComparison.Ordinal)
            ? Enum.GetValues<SpecialProcedureKind>().Where(k => reason == Of(k)).Select(k => (SpecialProcedureKind?)k).FirstOrDefault()
            : null;
}
