using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// The decision issued at the single window (统一窗口出件), with the electronic licence record (电子证照):
/// <see cref="VerificationCode"/> is stamped when the result is saved (<see cref="Certificates.CertificateRegistrar"/>), so
/// that a third party can check the certificate at <c>/verify/{code}</c> (docs/public.md).
/// </summary>
public sealed record CaseResult(string Decision, string CertificateType, string CertificateNumber, IReadOnlyList<string> Conditions, Instant IssuedAt,
    string? VerificationCode = null);
