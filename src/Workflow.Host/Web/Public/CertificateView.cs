using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Certificates;

namespace Workflow.Host.Web.Public;

/// <summary>
/// A certificate as <c>GET /api/public/certificates/{code}</c> answers it and <c>/verify/{code}</c> shows it: its essentials,
/// the issuing department's names, and whether it still holds (docs/public.md).
/// </summary>
public sealed record CertificateView(string Code, string Number, string CertificateType, string Decision, string ProjectName, IReadOnlyList<string> Matters,
    string Department, string DepartmentName, string DepartmentEnglishName, Instant IssuedAt, IReadOnlyList<string> Conditions, CertificateStatus Status,
    Instant? RevokedAt, string? RevokedBy, string VerifyUrl)
{
    public static CertificateView Of(ElectronicCertificate c, MatterCatalogue catalogue)
    {
        var department = catalogue.FindDepartment(c.Department);
        return new(c.Code, c.Number, c.CertificateType, c.Decision, c.ProjectName, c.Matters, c.Department, department?.Name ?? c.Department,
            department?.EnglishName ?? c.Department, c.IssuedAt, c.Conditions, c.Status, c.RevokedAt, c.RevokedBy, PublicLinks.Verify(c.Code));
    }
}

/// <summary>The public pages' paths (relative to the site), printed on documents.</summary>
public static class PublicLinks
{
    /// <summary>The progress lookup page.</summary>
    public const string Lookup = "/lookup";

    /// <summary>The verification page of certificate <paramref name="code"/>.</summary>
    public static string Verify(string code) => "/verify/" + Uri.EscapeDataString(code);

    /// <summary><paramref name="path"/> as an absolute URL of the request's site.</summary>
    public static string Absolute(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
