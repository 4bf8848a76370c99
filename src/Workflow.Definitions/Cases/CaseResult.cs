using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>The decision issued at the single window (统一窗口出件), with the electronic licence record (电子证照).</summary>
public sealed record CaseResult(string Decision, string CertificateType, string CertificateNumber, IReadOnlyList<string> Conditions, Instant IssuedAt);
