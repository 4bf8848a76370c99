using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Studio;

namespace Workflow.Host.Pages.Studio;

/// <summary><c>/studio/instances/{instanceId}</c>: the Studio's instance viewer (the journal on the diagram).</summary>
public sealed class InstanceModel(IUserDirectory users, AccessTokenIssuer tokens, StudioBundle bundle)
    : StudioPageModel(users, tokens, bundle)
{
    [BindProperty(SupportsGet = true)]
    public string InstanceId { get; set; } = "";
}
