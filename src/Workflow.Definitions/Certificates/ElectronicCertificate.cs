using NodaTime;

namespace Workflow.Definitions.Certificates;

/// <summary>Whether a certificate still holds.</summary>
public enum CertificateStatus
{
    /// <summary>有效.</summary>
    Valid,
    /// <summary>已撤销: a later decision revoked it.</summary>
    Revoked,
}

/// <summary>
/// What a third party sees when checking a certificate (<c>/verify/{code}</c>, <c>GET /api/public/certificates/{code}</c>):
/// its essentials and whether it still holds — no names of people, no opinions, no materials (docs/public.md).
/// </summary>
/// <param name="Code">The verification code.</param>
/// <param name="Number">The certificate's number.</param>
/// <param name="CertificateType">The kind of document (e.g. 建筑工程施工许可证).</param>
/// <param name="Decision"><c>Approved</c>, <c>Rejected</c> or <c>Revoked</c>.</param>
/// <param name="ProjectName">The project's name.</param>
/// <param name="Matters">The matters decided, as <c>code name</c>.</param>
/// <param name="Department">The issuing department's code.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="Conditions">The conditions attached.</param>
/// <param name="Status">Valid or revoked.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="RevokedBy">The number of the decision that revoked it.</param>
public sealed record ElectronicCertificate(string Code, string Number, string CertificateType, string Decision, string ProjectName, IReadOnlyList<string> Matters,
    string Department, Instant IssuedAt, IReadOnlyList<string> Conditions, CertificateStatus Status, Instant? RevokedAt, string? RevokedBy)
{
    /// <summary>The certificate of <paramref name="row"/>.</summary>
    public static ElectronicCertificate Of(CertificateRow row) => new(row.Code, row.Number, row.CertificateType, row.Decision, row.ProjectName,
        Lines(row.Matters), row.Department, row.IssuedAt, Lines(row.Conditions),
        row.RevokedAt is null ? CertificateStatus.Valid : CertificateStatus.Revoked, row.RevokedAt, row.RevokedBy);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
