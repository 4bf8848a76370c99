using NodaTime;

namespace Workflow.Definitions.Certificates;

/// <summary>
/// One issued result (电子证照) in <c>permit_certificates</c>, keyed by its verification code: what <c>/verify/{code}</c> shows,
/// copied when the result was issued so that it reads the same whatever later happens to the catalogue (docs/public.md).
/// </summary>
public sealed class CertificateRow
{
    /// <summary>The verification code (查验码), in the query code's alphabet (<see cref="CaseNumbers.QueryCodes"/>).</summary>
    public string Code { get; set; } = "";
    /// <summary>The case the result was issued on.</summary>
    public string CaseId { get; set; } = "";
    /// <summary>The certificate's number, e.g. <c>示例许字〔2026〕012345号</c>.</summary>
    public string Number { get; set; } = "";
    /// <summary>The kind of document, e.g. 建筑工程施工许可证.</summary>
    public string CertificateType { get; set; } = "";
    /// <summary>The decision: <c>Approved</c>, <c>Rejected</c> or <c>Revoked</c>.</summary>
    public string Decision { get; set; } = "";
    /// <summary>The project's name.</summary>
    public string ProjectName { get; set; } = "";
    /// <summary>The matters decided, as <c>code name</c> lines.</summary>
    public string Matters { get; set; } = "";
    /// <summary>The code of the issuing department (the stage's lead department).</summary>
    public string Department { get; set; } = "";
    /// <summary>When the result was issued.</summary>
    public Instant IssuedAt { get; set; }
    /// <summary>The conditions attached, one a line.</summary>
    public string Conditions { get; set; } = "";
    /// <summary>When the certificate was revoked; null while it is valid.</summary>
    public Instant? RevokedAt { get; set; }
    /// <summary>The number of the decision that revoked it.</summary>
    public string? RevokedBy { get; set; }
}
