using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Localization;

/// <summary>A page that remembers the language chosen with <c>?culture=</c> (the bar's language link) for the next pages, as the sign-in page does.</summary>
public abstract class LocalizedPageModel : PageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Ui.RememberChoice(HttpContext);
}
