using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Studio;

namespace Workflow.Host.Pages.Studio;

/// <summary><c>/studio/definitions/{definitionId}</c>: the Studio's flowchart editor for one definition.</summary>
public sealed class DefinitionModel(IUserDirectory users, AccessTokenIssuer tokens, StudioBundle bundle)
    : StudioPageModel(users, tokens, bundle)
{
    [BindProperty(SupportsGet = true)]
    public string DefinitionId { get; set; } = "";
}
