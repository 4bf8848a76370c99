using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Access;

/// <summary>
/// What a signed-in user gets for a page their role may never open: status 403 and a short page (an API path gets
/// 403 problem details instead). A 403 rather than a redirect, so that the status says what happened.
/// </summary>
public static class ForbiddenPage
{
    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (AccessSetup.IsApiPath(context.Request.Path))
            return; // the status code pages write the problem details
        var title = Ui.T("无权访问", "Access denied");
        var text = Ui.T("您的角色不能打开此页面。", "Your role may not open this page.");
        var home = Ui.T("返回首页", "Home");
        var html = $"""
            <!DOCTYPE html>
            <html lang="{Ui.HtmlLang}"><head><meta charset="utf-8"><title>{title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="narrow"><h1>{title}</h1><p>{text}</p><p><a href="/">{home}</a></p></main></body></html>
            """;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html);
    }
}
