using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// The decision issued at the single window (统一窗口出件), with the electronic licence record (电子证照):
/// <see cref="VerificationCode"/> is stamped when the result is saved (<see cref="Certificates.CertificateRegistrar"/>), so
/// that a third party can check the certificate at <c>/verify/{code}</c> (docs/public.md).
/// </summary>
public sealed record CaseResult(string Decision, string CertificateType, string CertificateNumber, IReadOnlyList<string> Conditions, Instant IssuedAt,
    string? VerificationCode = null);

/// <summary>The decisions a result can carry (<see cref="CaseResult.Decision"/>, the <c>decision</c> input of the IssueResult activity).</summary>
public static class CaseDecisions
{
    /// <summary>准予许可: the permit is granted; the case closes as issued.</summary>
    public const string Approved = "Approved";
    /// <summary>不予许可: the permit is refused; the case closes as rejected.</summary>
    public const string Rejected = "Rejected";
    /// <summary>撤销: a waived-material pre-approval is revoked because a commitment was not kept.</summary>
    public const string Revoked = "Revoked";
}
