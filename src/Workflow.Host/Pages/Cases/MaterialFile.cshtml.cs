using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Definitions.Cases;
using Workflow.Definitions.MaterialFiles;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Pages.Cases;

/// <summary>Opens an uploaded file from the pages (cookie sign-in), with the case's access rules: 404 to anyone who may not see it (docs/materials.md).</summary>
[Authorize]
public sealed class MaterialFileModel(CaseFiles caseFiles, MaterialFiles files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, string fileId, CancellationToken ct)
    {
        var (decision, row, content) = await MaterialFileEndpoints.FindOpenableAsync(new CaseAccess(User), id, fileId, caseFiles, files, ct);
        if (row is null || content is null) return PageAccess.Deny(decision) ?? NotFound();
        return File(content, row.ContentType, row.FileName);
    }
}
