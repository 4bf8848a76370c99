using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Documents;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Cases;

/// <summary>
/// A printable document of a case (受理通知书, 一次性告知书, 不予受理决定书, 准予许可决定书, 不予许可决定书) on an A4 page:
/// <c>/cases/{id}/print/{document}</c>, for whoever may see the case (404 otherwise, like the case), and 404 for a
/// document the case does not have (docs/pages.md, *Printable documents*). What it says comes from the case's snapshot
/// and <see cref="CaseDocuments"/>; the document text is Chinese in both languages (it is the official text), the page's
/// controls follow the language.
/// </summary>
public sealed class PrintModel(MatterCatalogue catalogue, CaseQueries cases, ProjectQueries projects, CalendarRegistry calendars) : LocalizedPageModel
{
    /// <summary>The URL part of each document.</summary>
    public static IReadOnlyDictionary<DocumentKind, string> Slugs { get; } = new Dictionary<DocumentKind, string>
    {
        [DocumentKind.Acceptance] = "acceptance",
        [DocumentKind.OneTimeNotice] = "notice",
        [DocumentKind.Refusal] = "refusal",
        [DocumentKind.Approval] = "approval",
        [DocumentKind.Rejection] = "rejection",
    };

    /// <summary>The document's title as printed.</summary>
    public static string Title(DocumentKind kind) => kind switch
    {
        DocumentKind.Acceptance => "受理通知书",
        DocumentKind.OneTimeNotice => "一次性告知书",
        DocumentKind.Refusal => "不予受理决定书",
        DocumentKind.Approval => "准予行政许可决定书",
        _ => "不予行政许可决定书",
    };

    /// <summary>The link text on the case page, in the page's language.</summary>
    public static string LinkText(DocumentKind kind) => kind switch
    {
        DocumentKind.Acceptance => Ui.T("受理通知书", "Acceptance notice"),
        DocumentKind.OneTimeNotice => Ui.T("一次性告知书", "One-time notice"),
        DocumentKind.Refusal => Ui.T("不予受理决定书", "Refusal to accept"),
        DocumentKind.Approval => Ui.T("准予许可决定书", "Permit decision"),
        _ => Ui.T("不予许可决定书", "Refusal decision"),
    };

    public CaseSnapshot Case { get; private set; } = null!;
    public DocumentKind Kind { get; private set; }
    public ProjectRow? Project { get; private set; }
    /// <summary>The one-time notice printed (the latest unless <c>?n=</c> names one, from 1).</summary>
    public OneTimeNotice? Notice { get; private set; }
    public MatterCatalogue Catalogue => catalogue;
    public WorkingCalendar Calendar { get; private set; } = null!;

    /// <summary>Who applied: the project's enterprise (建设单位).</summary>
    public string Applicant => Project?.Enterprise ?? Case.ProjectName;

    /// <summary>The jurisdiction as printed in the letterhead.</summary>
    public string Jurisdiction => catalogue.Jurisdiction;

    /// <summary>Who seals the window's documents (the catalogue's <c>serviceCentre</c>).</summary>
    public string ServiceCentre => catalogue.ServiceCentre;

    public string DepartmentName(string? code) => code is null ? "" : catalogue.FindDepartment(code)?.Name ?? code;

    public string Date(Instant? instant) => ChineseDate.Numeric(instant, Case.Zone);

    public string SealDate(Instant instant) => ChineseDate.Capital(instant.InZone(Case.Zone).Date);

    public string Stage => Labels.Stage(catalogue, Case.Stage);

    /// <summary>Where the holder of the acceptance notice looks the case up (docs/public.md).</summary>
    public string LookupUrl => Web.Public.PublicLinks.Absolute(Request, Web.Public.PublicLinks.Lookup);

    /// <summary>Where a third party checks the certificate with verification code <paramref name="code"/> (docs/public.md).</summary>
    public string VerifyUrl(string code) => Web.Public.PublicLinks.Absolute(Request, Web.Public.PublicLinks.Verify(code));

    public async Task<IActionResult> OnGetAsync(string id, string document, int? n, CancellationToken ct)
    {
        if (Slugs.FirstOrDefault(s => s.Value == document) is not { Value: not null } slug) return NotFound();
        if (await cases.FindAsync(id, ct) is not { } found) return NotFound();
        if (PageAccess.Deny(new CaseAccess(User).SeeCase(found)) is { } denied) return denied;
        if (!CaseDocuments.Available(found).Contains(slug.Key)) return NotFound();
        Case = found;
        Kind = slug.Key;
        if (Kind == DocumentKind.OneTimeNotice)
        {
            var index = (n ?? found.Notices.Count) - 1;
            if (index < 0 || index >= found.Notices.Count) return NotFound();
            Notice = found.Notices[index];
        }
        Project = await projects.FindAsync(found.ProjectId, ct);
        Calendar = calendars.Get(catalogue.CalendarId);
        return Page();
    }
}
