using Workflow.Host.Web.Access;
using Workflow.Host.Web.Studio;

namespace Workflow.Host.Pages.Studio;

/// <summary><c>/studio</c>: the Studio's definition list element.</summary>
public sealed class IndexModel(IUserDirectory users, AccessTokenIssuer tokens, StudioBundle bundle)
    : StudioPageModel(users, tokens, bundle);
