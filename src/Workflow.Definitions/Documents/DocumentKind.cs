namespace Workflow.Definitions.Documents;

/// <summary>The printable documents (文书) of a case (docs/pages.md, *Printable documents*).</summary>
public enum DocumentKind
{
    /// <summary>受理通知书: the case number, the query code and the deadlines that started.</summary>
    Acceptance,
    /// <summary>一次性告知书: every missing or defective material with its reason and resubmission deadline.</summary>
    OneTimeNotice,
    /// <summary>不予受理决定书: the window refused the application.</summary>
    Refusal,
    /// <summary>准予许可决定书 and the certificate (电子证照) number.</summary>
    Approval,
    /// <summary>不予许可决定书.</summary>
    Rejection,
}
