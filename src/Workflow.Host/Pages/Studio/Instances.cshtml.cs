using Workflow.Host.Web.Access;
using Workflow.Host.Web.Studio;

namespace Workflow.Host.Pages.Studio;

/// <summary><c>/studio/instances</c>: the Studio's "Workflow instances" screen; a row opens the instance viewer.</summary>
public sealed class InstancesModel(IUserDirectory users, AccessTokenIssuer tokens, StudioBundle bundle)
    : StudioPageModel(users, tokens, bundle);
