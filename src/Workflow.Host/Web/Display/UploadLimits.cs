using System.Globalization;
using Workflow.Definitions.MaterialFiles;
using Workflow.Definitions.Messages;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Display;

/// <summary>
/// What a page's file input says about the size it takes (<c>Files:MaxBytes</c>): the browser refuses a larger file
/// before sending it (<c>wwwroot/js/file-size.js</c>), with the words the server's 422 uses, instead of uploading
/// megabytes to be answered 413 (docs/materials.md).
/// </summary>
public static class UploadLimits
{
    /// <summary>The message for a file above the limit, in the page's language.</summary>
    public static string TooLarge(MaterialFileOptions options) =>
        string.Format(CultureInfo.InvariantCulture, RuleTexts.Text(RuleCodes.FileTooLarge), options.MaxMegabytes);
}
